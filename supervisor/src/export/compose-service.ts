// One bundle service as a compose service: the argv as `entrypoint` (Berth runs exactly it, not
// an image's entrypoint), env with secrets as `/run/secrets/<NAME>` files, the bundle mounted
// read-only at its fixed path, `${dataDir}` and `${logsDir}` as named volumes, dependency
// conditions, the healthcheck, restart and stop settings. Pure.
import { formatPath } from '../manifest/index.ts';
import type { PlannedHealthcheck } from './compose-healthcheck.ts';
import { durationText } from './durations.ts';
import type { ExportContext } from './export-context.ts';
import type { ExportWarning } from './export-types.ts';
import type { ServicePlan } from './plan-services.ts';
import { CONTAINER_PATHS } from './target-values.ts';

const CONDITIONS = { started: 'service_started', ready: 'service_healthy', completed: 'service_completed_successfully' } as const;
const RESTART = { never: 'no', 'on-failure': 'on-failure', always: 'always', 'unless-stopped': 'unless-stopped' } as const;

/** Where compose puts secret `name` inside a container. */
export const composeSecretPath = (name: string): string => `/run/secrets/${name}`;

/** What a compose service needs to know about the others. */
export interface ComposeNeighbours {
  readonly healthchecks: ReadonlyMap<string, PlannedHealthcheck>;
  readonly image: string;
  /** The bundle folder relative to the compose file (a bind mount source). */
  readonly bundleSource: string;
}

function volumesOf(plan: ServicePlan, bundleSource: string): unknown[] {
  const volumes: unknown[] = [];
  // A service on the bundle's image runs from the bundle; one with its own image gets it only when it names it.
  if (plan.spec.image === undefined || plan.uses.has('bundleDir')) volumes.push({ type: 'bind', source: bundleSource, target: CONTAINER_PATHS.bundleDir, read_only: true });
  if (plan.uses.has('dataDir')) volumes.push({ type: 'volume', source: 'data', target: CONTAINER_PATHS.dataDir });
  if (plan.uses.has('logsDir')) volumes.push({ type: 'volume', source: 'logs', target: CONTAINER_PATHS.logsDir });
  return volumes;
}

function restartWarning(plan: ServicePlan): ExportWarning[] {
  const { policy, maxRestarts, window } = plan.spec.restart;
  if (plan.spec.kind === 'task' || policy === 'never') return [];
  return [{ path: formatPath(['services', plan.name, 'restart']), message: `docker restarts with its own back-off (100 ms doubling to 1 min) and no crash-loop limit: ${maxRestarts} restarts in ${durationText(window)} does not map` }];
}

/** The compose service of `plan`, and its warnings. */
export function composeService(context: ExportContext, plan: ServicePlan, neighbours: ComposeNeighbours): { readonly service: Record<string, unknown>; readonly warnings: ExportWarning[] } {
  const { spec, launch } = plan;
  const secretNames = Object.keys(spec.secrets).sort();
  const environment: Record<string, string> = { ...launch.env };
  for (const name of secretNames) environment[`${name}_FILE`] = composeSecretPath(name);
  const dependsOn = Object.fromEntries(
    Object.entries(spec.dependsOn).map(([target, condition]) => {
      // "ready" on a service whose readiness compose cannot check is "started", as Berth treats a service without one.
      const healthy = neighbours.healthchecks.get(target)?.fromReadiness === true;
      return [target, { condition: condition === 'ready' && !healthy ? CONDITIONS.started : CONDITIONS[condition] }];
    }),
  );
  const health = neighbours.healthchecks.get(plan.name);
  const ui = context.manifest.ui?.service === plan.name ? context.ports[plan.name]?.[context.manifest.ui.port] : undefined;
  const volumes = volumesOf(plan, neighbours.bundleSource);
  const service: Record<string, unknown> = {
    image: neighbours.image,
    entrypoint: [launch.file, ...launch.args],
    restart: spec.kind === 'task' ? 'no' : RESTART[spec.restart.policy],
    stop_signal: spec.shutdown.signal,
    stop_grace_period: durationText(spec.shutdown.timeout),
  };
  if (Object.keys(environment).length > 0) service.environment = environment;
  if (spec.cwd !== undefined || spec.image === undefined) service.working_dir = launch.cwd;
  if (Object.keys(dependsOn).length > 0) service.depends_on = dependsOn;
  if (health?.healthcheck !== undefined) service.healthcheck = health.healthcheck;
  if (secretNames.length > 0) service.secrets = secretNames;
  if (volumes.length > 0) service.volumes = volumes;
  if (plan.ports.length > 0) service.expose = plan.ports.map(([, port]) => String(port));
  // Only the app's UI is published, on the host's loopback address: Berth never listens beyond it.
  if (ui !== undefined) service.ports = [`127.0.0.1:${ui}:${ui}`];
  const warnings = [...(health?.warnings ?? []), ...restartWarning(plan)];
  if (spec.kind === 'task' && spec.timeout !== undefined) warnings.push({ path: formatPath(['services', plan.name, 'timeout']), message: `compose has no time limit for a container: ${plan.name} may run longer than ${durationText(spec.timeout)}` });
  return { service, warnings };
}
