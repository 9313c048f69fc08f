// Names each engine accepts, derived from the bundle's: Kubernetes object and port names (DNS
// labels, IANA service names), the app's slug, systemd unit names. Pure.
import { formatPath, type BundleManifest } from '../manifest/index.ts';
import type { ExportWarning } from './export-types.ts';

const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Lower case, every run of other characters as one "-", no "-" at either end, at most `max` long. */
function toLabel(text: string, max: number): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, max)
    .replace(/^-+|-+$/g, '');
}

/** The app id as a DNS label (`dev.berth.notes` → `dev-berth-notes`), at most 40 characters so suffixes fit. */
export function appSlug(manifest: BundleManifest): string {
  const slug = toLabel(manifest.app.id, 40);
  return DNS_LABEL.test(slug) ? slug : `app-${slug}`.slice(0, 40).replace(/-+$/, '');
}

/** Each service's Kubernetes name (a DNS-1035 label: what `${hosts.<service>}` becomes), and problems when two collide. */
export function kubernetesNames(manifest: BundleManifest): { readonly names: Readonly<Record<string, string>>; readonly problems: readonly ExportWarning[]; readonly renamed: readonly ExportWarning[] } {
  const names: Record<string, string> = {};
  const owners = new Map<string, string>();
  const problems: ExportWarning[] = [];
  const renamed: ExportWarning[] = [];
  for (const service of Object.keys(manifest.services).sort()) {
    // Berth names start with a letter, so the label does too.
    const name = toLabel(service, 63);
    names[service] = name;
    const owner = owners.get(name);
    if (owner !== undefined) problems.push({ path: formatPath(['services', service]), message: `its Kubernetes name "${name}" is also that of services.${owner}: rename one of them` });
    owners.set(name, service);
    if (name !== service) renamed.push({ path: formatPath(['services', service]), message: `Kubernetes names it "${name}" (a DNS label), and so does \${hosts.${service}}` });
  }
  return { names, problems, renamed };
}

/** A Service port name (IANA service name: ≤ 15 characters, a letter in it), else `p<number>`. */
export function kubernetesPortName(port: string, number: number): string {
  const name = toLabel(port, 15).replace(/-{2,}/g, '-');
  return /[a-z]/.test(name) && DNS_LABEL.test(name) ? name : `p${number}`;
}

/** The systemd unit of a service: `<app id>-<service>.service`. */
export function unitName(manifest: BundleManifest, service: string): string {
  return `${manifest.app.id}-${service}.service`;
}

/** The systemd target that starts the whole bundle: `<app id>.target`. */
export function targetName(manifest: BundleManifest): string {
  return `${manifest.app.id}.target`;
}

/** The user every unit of the bundle shares (a dynamic user: at most 31 characters, letters first). */
export function unitUser(manifest: BundleManifest): string {
  return appSlug(manifest).slice(0, 31).replace(/-+$/, '');
}
