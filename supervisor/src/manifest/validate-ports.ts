// Semantic checks of ports: inverted ranges, fixed ports claimed twice, probes, `shutdown.http`
// and `ui` naming ports a service does not declare.
import { didYouMean } from './did-you-mean.ts';
import { formatPath, serviceNamed, type ManifestProblem } from './problems.ts';
import type { BundleManifest, Probe } from './schema.ts';

type Range = readonly [number, number];

function checkRange(range: Range | undefined, segments: readonly PropertyKey[], problems: ManifestProblem[]): void {
  if (range === undefined || range[0] <= range[1]) return;
  problems.push({ path: formatPath(segments), message: `inverted range [${range[0]}, ${range[1]}]: write it as [low, high], i.e. [${range[1]}, ${range[0]}]` });
}

/** A port name a field of `service` uses must be one the service declares. */
function checkNamedPort(manifest: BundleManifest, service: string, port: string | undefined, segments: readonly PropertyKey[], problems: ManifestProblem[]): void {
  const declared = Object.keys(manifest.services[service]?.ports ?? {});
  if (port === undefined || declared.includes(port)) return;
  const known = declared.length === 0 ? ' (it declares no ports)' : didYouMean(port, declared);
  problems.push({ path: formatPath(['services', service, ...segments]), message: `service "${service}" has no port "${port}"${known}` });
}

function checkProbePort(manifest: BundleManifest, service: string, field: 'readiness' | 'liveness', probe: Probe | undefined, problems: ManifestProblem[]): void {
  for (const kind of ['http', 'tcp'] as const) checkNamedPort(manifest, service, probe?.[kind]?.port, [field, kind, 'port'], problems);
}

/** Problems with port ranges, fixed ports, probe ports and the `ui` block. */
export function checkPorts(manifest: BundleManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  checkRange(manifest.ports.range, ['ports', 'range'], problems);
  checkRange(manifest.control.range, ['control', 'range'], problems);
  const fixed = new Map<number, string>();
  if (manifest.control.port !== undefined) fixed.set(manifest.control.port, 'control.port');
  for (const [name, service] of Object.entries(manifest.services)) {
    for (const [portName, port] of Object.entries(service.ports)) {
      checkRange(port.range, ['services', name, 'ports', portName, 'range'], problems);
      if (port.fixed === undefined) continue;
      if (port.range !== undefined) {
        problems.push({ path: formatPath(['services', name, 'ports', portName]), message: 'set either "fixed" or "range", not both' });
      }
      const path = formatPath(['services', name, 'ports', portName, 'fixed']);
      const owner = fixed.get(port.fixed);
      if (owner === undefined) fixed.set(port.fixed, path);
      else problems.push({ path, message: `port ${port.fixed} is already fixed at ${owner}` });
    }
    checkProbePort(manifest, name, 'readiness', service.readiness, problems);
    checkProbePort(manifest, name, 'liveness', service.liveness, problems);
    checkNamedPort(manifest, name, service.shutdown.http?.port, ['shutdown', 'http', 'port'], problems);
  }
  problems.push(...checkUi(manifest));
  return problems;
}

function checkUi(manifest: BundleManifest): ManifestProblem[] {
  const ui = manifest.ui;
  if (ui === undefined) return [];
  const service = serviceNamed(manifest.services, ui.service);
  if (service === undefined) {
    return [{ path: 'ui.service', message: `unknown service "${ui.service}"${didYouMean(ui.service, Object.keys(manifest.services))}` }];
  }
  const problems: ManifestProblem[] = [];
  if (service.kind === 'task') problems.push({ path: 'ui.service', message: `"${ui.service}" is a task; the UI must be a long-lived service` });
  const declared = Object.keys(service.ports);
  if (!declared.includes(ui.port)) {
    const known = declared.length === 0 ? ' (it declares no ports)' : didYouMean(ui.port, declared);
    problems.push({ path: 'ui.port', message: `service "${ui.service}" has no port "${ui.port}"${known}` });
  }
  return problems;
}
