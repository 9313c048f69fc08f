// The image of each service in a container export: its own `image`, else `--image`, else the
// default image for a `${node}` command. A service with none of them cannot be exported. Pure.
import { formatPath } from '../manifest/index.ts';
import type { ExportWarning } from './export-types.ts';
import type { ServicePlan } from './plan-services.ts';

/** Images by service name, and a problem for each service that has none. */
export function pickImages(plans: readonly ServicePlan[], image: string | undefined, nodeImage: string): { readonly images: ReadonlyMap<string, string>; readonly problems: readonly ExportWarning[] } {
  const images = new Map<string, string>();
  const problems: ExportWarning[] = [];
  for (const plan of plans) {
    const chosen = plan.spec.image ?? image ?? (plan.runsNode ? nodeImage : undefined);
    if (chosen !== undefined) images.set(plan.name, chosen);
    else problems.push({ path: formatPath(['services', plan.name, 'image']), message: `no image to run "${plan.launch.file}" in: set services.${plan.name}.image or pass --image` });
  }
  return { images, problems };
}
