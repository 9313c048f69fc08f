// Each service as every engine sees it: the Linux command line with templates resolved for the
// engine, its port numbers, its probes with numbers in place of port names, and which of the
// bundle's folders it uses. Pure; the renderers only translate this.
import { expandTemplate, formatPath, parseTemplate, type BundleManifest, type Probe, type ServiceSpec, type TemplateValues, type TemplateVariable } from '../manifest/index.ts';
import { resolveLaunch, type LaunchSpec } from '../templates/resolve-launch.ts';
import { sortedBy } from './sort-by.ts';

/** Probe timing in milliseconds, as the bundle gives it. */
export interface ProbeTiming {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly startTimeoutMs: number;
  readonly failureThreshold: number;
}

/** A probe with its port resolved; `path` is its JSON path in the bundle, for warnings. */
export type PlannedProbe = ProbeTiming & { readonly path: string } & (
    | { readonly kind: 'http'; readonly host: string; readonly port: number; readonly urlPath: string }
    | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
    | { readonly kind: 'exec'; readonly argv: readonly string[] }
    | { readonly kind: 'log'; readonly pattern: string }
  );

/** One service or task, ready to translate. */
export interface ServicePlan {
  readonly name: string;
  readonly spec: ServiceSpec;
  readonly launch: LaunchSpec;
  /** Port numbers by port name, sorted by name. */
  readonly ports: readonly (readonly [name: string, port: number])[];
  readonly readiness?: PlannedProbe;
  readonly liveness?: PlannedProbe;
  /** The variables its command, env, cwd and exec probes name. */
  readonly uses: ReadonlySet<TemplateVariable>;
  /** Its command starts with `${node}`, so its image has `node` on the PATH to run probes with. */
  readonly runsNode: boolean;
}

function planProbe(path: string, probe: Probe | undefined, ports: Readonly<Record<string, number>>, values: TemplateValues): PlannedProbe | undefined {
  if (probe === undefined) return undefined;
  const timing = { path, intervalMs: probe.interval, timeoutMs: probe.timeout, startTimeoutMs: probe.startTimeout, failureThreshold: probe.failureThreshold };
  if (probe.http !== undefined) return { ...timing, kind: 'http', host: probe.http.host, port: ports[probe.http.port] ?? 0, urlPath: probe.http.path };
  if (probe.tcp !== undefined) return { ...timing, kind: 'tcp', host: probe.tcp.host, port: ports[probe.tcp.port] ?? 0 };
  if (probe.exec !== undefined) return { ...timing, kind: 'exec', argv: probe.exec.command.map((part) => expandTemplate(part, values)) };
  return { ...timing, kind: 'log', pattern: probe.log ?? '' };
}

/** The variables named by the strings that run on Linux. */
function variablesUsed(spec: ServiceSpec): Set<TemplateVariable> {
  const linux = spec.platforms?.linux;
  const texts = [...(linux?.command ?? spec.command), ...Object.values({ ...spec.env, ...linux?.env }), spec.cwd ?? '', ...(spec.readiness?.exec?.command ?? []), ...(spec.liveness?.exec?.command ?? [])];
  const used = new Set<TemplateVariable>();
  for (const text of texts) for (const part of parseTemplate(text)) if (part.kind === 'variable') used.add(part.name);
  return used;
}

/** Every service of the bundle, by name, with templates resolved by `values` (ports must hold every port). */
export function planServices(manifest: BundleManifest, values: TemplateValues): ServicePlan[] {
  return Object.keys(manifest.services)
    .sort()
    .flatMap((name) => {
      const spec = manifest.services[name];
      if (spec === undefined) return [];
      const ports = values.ports[name] ?? {};
      const command = spec.platforms?.linux?.command ?? spec.command;
      return [
        {
          name,
          spec,
          launch: resolveLaunch(spec, values, 'linux'),
          ports: sortedBy(Object.entries(ports), ([port]) => port),
          readiness: planProbe(formatPath(['services', name, 'readiness']), spec.readiness, ports, values),
          liveness: planProbe(formatPath(['services', name, 'liveness']), spec.liveness, ports, values),
          uses: variablesUsed(spec),
          runsNode: command[0]?.trim() === '${node}',
        },
      ];
    });
}
