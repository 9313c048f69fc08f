// Fixed numbers for every named port of an export: a port's `fixed`, else the lowest number of its
// range that no other port of the bundle has. Services and ports go by name, so the same bundle
// always gets the same numbers and `${ports.x.y}` means one number in every file.
import { formatPath, type BundleManifest } from '../manifest/index.ts';
import type { ExportWarning } from './export-types.ts';

/** Port numbers by service, then port name. */
export type PortNumbers = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** The number of every port, and a problem for each port whose range has no number left. */
export function pickExportPorts(manifest: BundleManifest): { readonly ports: PortNumbers; readonly problems: readonly ExportWarning[] } {
  const names = Object.keys(manifest.services).sort();
  const ports: Record<string, Record<string, number>> = Object.fromEntries(names.map((name) => [name, {}]));
  const taken = new Set<number>();
  for (const name of names) {
    for (const [port, spec] of Object.entries(manifest.services[name]?.ports ?? {})) {
      if (spec.fixed === undefined) continue;
      taken.add(spec.fixed);
      (ports[name] ??= {})[port] = spec.fixed;
    }
  }
  const problems: ExportWarning[] = [];
  for (const name of names) {
    const declared = manifest.services[name]?.ports ?? {};
    for (const port of Object.keys(declared).sort()) {
      const spec = declared[port];
      if (spec === undefined || spec.fixed !== undefined) continue;
      const [low, high] = spec.range ?? manifest.ports.range;
      let pick = low;
      while (pick <= high && taken.has(pick)) pick += 1;
      if (pick > high) {
        problems.push({ path: formatPath(['services', name, 'ports', port]), message: `no number left in [${low}, ${high}] once the other ports have theirs: widen the range` });
        continue;
      }
      taken.add(pick);
      (ports[name] ??= {})[port] = pick;
    }
  }
  return { ports, problems };
}
