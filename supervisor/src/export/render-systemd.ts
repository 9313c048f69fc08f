// `berth export systemd`: a unit per service and one target that starts the bundle, for the
// machine the bundle sits on (`${bundleDir}` is its folder there, `${hosts.*}` is 127.0.0.1).
// Secrets are credentials under /etc/credstore/<app id>/. Pure.
import { fileOnlySecretWarnings, secretsToProvide } from './plan-secrets.ts';
import { taskWhenWarnings } from './common-warnings.ts';
import type { ExportContext, RenderedExport } from './export-context.ts';
import type { ExportFile } from './export-types.ts';
import { targetName, unitName } from './names.ts';
import { credentialFile, systemdUnit } from './systemd-unit.ts';
import { unitFile, unitText } from './systemd-syntax.ts';
import { sortedBy } from './sort-by.ts';

/** The systemd export of a planned bundle. */
export function renderSystemd(context: ExportContext): RenderedExport {
  const { manifest, plans } = context;
  const header = [`${manifest.app.name} ${manifest.app.version} (${manifest.app.id}), written by \`berth export systemd\`: export again rather than edit.`];
  const warnings = [...taskWhenWarnings(plans, 'systemd'), ...fileOnlySecretWarnings(context.secrets, 'systemd', (name) => `$CREDENTIALS_DIRECTORY/${name}`)];
  const files: ExportFile[] = [];
  for (const plan of plans) {
    const rendered = systemdUnit(context, plan);
    files.push({ name: unitName(manifest, plan.name), text: unitFile(header, rendered.unit) });
    warnings.push(...rendered.warnings);
  }
  const target = targetName(manifest);
  files.push({
    name: target,
    text: unitFile(header, [
      ['Unit', [['Description', unitText(`${manifest.app.name} ${manifest.app.version} (${manifest.app.id})`)], ['Wants', plans.map((plan) => unitName(manifest, plan.name)).join(' ')]]],
      ['Install', [['WantedBy', 'multi-user.target']]],
    ]),
  });
  const secrets = secretsToProvide(context.secrets, (name) => credentialFile(manifest.app.id, name));
  const run = [
    ...(secrets.length > 0 ? [`install -d -m 0700 ${credentialFile(manifest.app.id, '').replace(/\/$/, '')}`, ...secrets.map((secret) => secret.how)] : []),
    `cp ${target} ${manifest.app.id}-*.service /etc/systemd/system/`,
    'systemctl daemon-reload',
    `systemctl start ${target}`,
  ];
  return { files: sortedBy(files, (file) => file.name), secrets, run, warnings };
}
