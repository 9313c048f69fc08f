// `berth export compose`: one compose.yaml (Compose Specification, and what Debian's
// docker-compose 1.29 accepts too), secrets as files under secrets/. Pure.
import { planHealthcheck } from './compose-healthcheck.ts';
import { composeSecretPath, composeService } from './compose-service.ts';
import { taskWhenWarnings } from './common-warnings.ts';
import type { ExportContext, RenderedExport } from './export-context.ts';
import { fileOnlySecretWarnings, secretsToProvide } from './plan-secrets.ts';
import { bundleFromOutput, NODE_IMAGE } from './target-values.ts';
import { escapeDeep, yamlDocument } from './yaml-text.ts';

/** The compose export of a planned bundle; `images` holds every service's image. */
export function renderCompose(context: ExportContext, images: ReadonlyMap<string, string>): RenderedExport {
  const { manifest, plans } = context;
  const healthchecks = new Map(plans.map((plan) => [plan.name, planHealthcheck(plan)]));
  const bundleSource = bundleFromOutput(context.options);
  const warnings = [...taskWhenWarnings(plans, 'compose'), ...fileOnlySecretWarnings(context.secrets, 'compose', composeSecretPath)];
  const services: Record<string, unknown> = {};
  for (const plan of plans) {
    const rendered = composeService(context, plan, { healthchecks, image: images.get(plan.name) ?? NODE_IMAGE, bundleSource });
    services[plan.name] = rendered.service;
    warnings.push(...rendered.warnings);
  }
  const file: Record<string, unknown> = { services };
  if (context.secrets.length > 0) file.secrets = Object.fromEntries(context.secrets.map(({ name }) => [name, { file: `./secrets/${name}` }]));
  const volumes = ['data', 'logs'].filter((volume) => plans.some((plan) => plan.uses.has(volume === 'data' ? 'dataDir' : 'logsDir')));
  if (volumes.length > 0) file.volumes = Object.fromEntries(volumes.map((volume) => [volume, {}]));
  const secrets = secretsToProvide(context.secrets, (name) => `secrets/${name}`);
  const header = [`${manifest.app.name} ${manifest.app.version} (${manifest.app.id}), written by \`berth export compose\`: export again rather than edit.`];
  return {
    files: [{ name: 'compose.yaml', text: yamlDocument(escapeDeep(file), header) }],
    secrets,
    run: [...(secrets.length > 0 ? ['mkdir -p secrets', ...secrets.map((secret) => secret.how)] : []), 'docker compose up'],
    warnings,
  };
}
