// README.md of an export folder: how to start it (the same commands `berth export` prints and the
// project README shows), the secret files to provide, and what did not map exactly. Pure.
import type { BundleManifest } from '../manifest/index.ts';
import { formatProblems } from '../manifest/index.ts';
import type { RenderedExport } from './export-context.ts';
import { TARGET_LABELS, type ExportTarget } from './export-types.ts';

/** The README text of one export. */
export function renderReadme(manifest: BundleManifest, target: ExportTarget, rendered: RenderedExport): string {
  const lines = [
    `# ${manifest.app.name} ${manifest.app.version} for ${TARGET_LABELS[target]}`,
    '',
    `Written by \`berth export ${target}\` from the bundle \`${manifest.app.id}\`: export again rather than edit these files.`,
    '',
    target === 'systemd' ? 'Start it (as root, in this folder):' : 'Start it (in this folder):',
    '',
    '```sh',
    ...rendered.run,
    '```',
  ];
  if (rendered.secrets.length > 0) {
    lines.push('', 'Secret files to provide (the commands above make each one):', '');
    for (const secret of rendered.secrets) lines.push(`- \`${secret.file}\`${secret.required ? '' : ' (optional)'}: \`${secret.how}\``);
  }
  const warnings = formatProblems(rendered.warnings);
  if (warnings.length > 0) lines.push('', 'What does not map exactly:', '', ...warnings.map((warning) => `- ${warning}`));
  return `${lines.join('\n')}\n`;
}
