// What each template becomes in each engine: the bundle's folders at fixed paths, `${node}`, the
// address a service listens on, and `${hosts.<service>}` (the network name in a container
// network, 127.0.0.1 on the one machine systemd runs). Pure.
import { relative, sep } from 'node:path';
import { LOOPBACK_HOST, type BundleManifest, type TemplateValues } from '../manifest/index.ts';
import type { ExportOptions, ExportTarget } from './export-types.ts';
import type { PortNumbers } from './pick-ports.ts';

/** Where the bundle, its data and its logs sit inside every container. */
export const CONTAINER_PATHS = { bundleDir: '/berth/bundle', dataDir: '/berth/data', logsDir: '/berth/logs' } as const;

/** The image of a `${node}` service that names none: Node 24, the runtime the supervisor pins. */
export const NODE_IMAGE = 'node:24-slim';

/** `${node}` by default: on the PATH of the Node image, Debian's nodejs on a systemd machine. */
const DEFAULT_NODE: Readonly<Record<ExportTarget, string>> = { compose: 'node', kubernetes: 'node', systemd: '/usr/bin/node' };

/** The bundle folder relative to the output folder ("../..", "./app"): a bind-mount source, a build context. */
export function bundleFromOutput(options: ExportOptions): string {
  const path = relative(options.outDir, options.bundleDir).split(sep).join('/');
  if (path === '') return '.';
  return path.startsWith('.') || path.startsWith('/') ? path : `./${path}`;
}

/** What `${node}` becomes: `--node-path`, else the engine's default. */
export const nodeFor = (options: ExportOptions): string => options.nodePath ?? DEFAULT_NODE[options.target];

/** `/var/lib/<app id>`: systemd's StateDirectory= of the units that use `${dataDir}`. */
export const systemdDataDir = (manifest: BundleManifest): string => `/var/lib/${manifest.app.id}`;
/** `/var/log/<app id>`: systemd's LogsDirectory= of the units that use `${logsDir}`. */
export const systemdLogsDir = (manifest: BundleManifest): string => `/var/log/${manifest.app.id}`;

/**
 * The template values of one export. `hosts` maps each service to the name the others reach it
 * by; in a container the service must listen on every interface (0.0.0.0) to be reached at all,
 * while on one machine it keeps to the loopback address.
 */
export function templateValuesFor(manifest: BundleManifest, ports: PortNumbers, options: ExportOptions, hosts: Readonly<Record<string, string>>): TemplateValues {
  const node = nodeFor(options);
  if (options.target === 'systemd') {
    const loopback = Object.fromEntries(Object.keys(manifest.services).map((name) => [name, LOOPBACK_HOST]));
    const variables = { bundleDir: options.bundleDir, dataDir: systemdDataDir(manifest), logsDir: systemdLogsDir(manifest), node, listenHost: LOOPBACK_HOST };
    return { ports, variables, hosts: loopback };
  }
  return { ports, variables: { ...CONTAINER_PATHS, node, listenHost: '0.0.0.0' }, hosts };
}
