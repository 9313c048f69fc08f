// `berth export`: plans the bundle once (port numbers, names, templates resolved for the engine,
// images, secrets), refuses what cannot be exported at all (exit 2, every problem by JSON path),
// then renders the engine's files. Pure: the same manifest and options give the same bytes.
import { BerthError } from '../errors.ts';
import { formatProblems, type BundleManifest } from '../manifest/index.ts';
import type { ExportContext, RenderedExport } from './export-context.ts';
import type { ExportOptions, ExportResult, ExportWarning } from './export-types.ts';
import { appSlug, kubernetesNames } from './names.ts';
import { pickImages } from './pick-images.ts';
import { pickExportPorts } from './pick-ports.ts';
import { usedSecrets } from './plan-secrets.ts';
import { planServices } from './plan-services.ts';
import { renderCompose } from './render-compose.ts';
import { renderKubernetes } from './render-kubernetes.ts';
import { renderReadme } from './render-readme.ts';
import { renderSystemd } from './render-systemd.ts';
import { NODE_IMAGE, templateValuesFor } from './target-values.ts';
import { sortedBy } from './sort-by.ts';

/** Warnings by path then message, each once (a task run in several pods warns from each). */
function sortWarnings(warnings: readonly ExportWarning[]): ExportWarning[] {
  const unique = new Map(warnings.map((warning) => [`${warning.path}\n${warning.message}`, warning]));
  return sortedBy(unique, ([key]) => key).map(([, warning]) => warning);
}

function invalid(manifest: BundleManifest, options: ExportOptions, problems: readonly ExportWarning[]): BerthError {
  return new BerthError('EXPORT_INVALID', `${manifest.app.name} cannot be exported to ${options.target} (${problems.length} problem${problems.length === 1 ? '' : 's'})`, { details: formatProblems(problems) });
}

/** The engine's files; compose and Kubernetes first give every service an image. */
function renderFor(context: ExportContext, k8s: ReturnType<typeof kubernetesNames>): RenderedExport {
  const { manifest, options, plans } = context;
  if (options.target === 'systemd') return renderSystemd(context);
  const slug = appSlug(manifest);
  const bundleImage = `${slug}:${manifest.app.version.replaceAll('+', '-')}`;
  const { images, problems } = pickImages(plans, options.image, options.target === 'compose' ? NODE_IMAGE : bundleImage);
  if (problems.length > 0) throw invalid(manifest, options, problems);
  if (options.target === 'compose') return renderCompose(context, images);
  const required = Object.fromEntries(Object.entries(manifest.secrets).map(([name, spec]) => [name, spec.required]));
  const rendered = renderKubernetes(context, { names: k8s.names, images, secretName: `${slug}-secrets`, claimName: `${slug}-data`, required, slug, bundleImage });
  return { ...rendered, warnings: [...rendered.warnings, ...k8s.renamed] };
}

/** Every file, secret, command and warning of exporting `manifest` as `options` say; EXPORT_INVALID when it cannot be. */
export function exportBundle(manifest: BundleManifest, options: ExportOptions): ExportResult {
  const { ports, problems: portProblems } = pickExportPorts(manifest);
  const k8s = kubernetesNames(manifest);
  const hosts = options.target === 'kubernetes' ? k8s.names : Object.fromEntries(Object.keys(manifest.services).map((name) => [name, name]));
  const problems = [...portProblems, ...(options.target === 'kubernetes' ? k8s.problems : [])];
  if (problems.length > 0) throw invalid(manifest, options, problems);
  const plans = planServices(manifest, templateValuesFor(manifest, ports, options, hosts));
  const context: ExportContext = { manifest, options, ports, plans, secrets: usedSecrets(manifest) };
  const rendered = renderFor(context, k8s);
  const warnings = sortWarnings(rendered.warnings);
  const readme = { name: 'README.md', text: renderReadme(manifest, options.target, { ...rendered, warnings }) };
  return { files: [...rendered.files, readme], secrets: rendered.secrets, run: rendered.run, warnings };
}
