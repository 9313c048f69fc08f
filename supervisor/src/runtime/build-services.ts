// The services of one supervisor run: an executor per manifest entry, sharing one context (logs,
// secrets, run records, telemetry, the platform seam), and the orchestrator over them.
import { join } from 'node:path';
import { systemClock, type Clock } from '../clock/clock.ts';
import type { ServiceStatus } from '../control/contract.ts';
import type { EventBus } from '../events/index.ts';
import { buildDependencyGraph } from '../graph/index.ts';
import { systemProbes } from '../health/system-probes.ts';
import { withoutNames, type ServiceEnvironment } from '../environment/index.ts';
import type { Logger } from '../logging/logger.ts';
import type { Observation } from '../metrics/index.ts';
import { ServiceLog } from '../logs/service-log.ts';
import { expandTemplate, type LoadedManifest } from '../manifest/index.ts';
import { reallocateServicePorts, type PortMap } from '../ports/allocate-ports.ts';
import { systemKiller, systemSpawner } from '../process/seam.ts';
import type { SecretStore } from '../secrets/index.ts';
import type { StatePaths } from '../state/state-paths.ts';
import { launchUsesPortsOf, resolveLaunch } from '../templates/resolve-launch.ts';
import { Orchestrator, type TaskGate } from './orchestrator.ts';
import { ServiceExecutor } from './service-executor.ts';
import type { ServiceContext } from './service-context.ts';
import type { SupervisionHooks } from './supervision-hooks.ts';

/** What building the services needs. */
export interface ServicesInput {
  readonly loaded: LoadedManifest;
  readonly paths: StatePaths;
  readonly ports: PortMap;
  readonly secrets: SecretStore;
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly serviceEnv: ServiceEnvironment;
  readonly hooks: SupervisionHooks | null;
  readonly clock?: Clock;
  /** Where metrics observations go (GET /metrics). */
  readonly observe?: (observation: Observation) => void;
}

/** The built services: their logs (closed at the end) and the orchestrator. */
export interface BuiltServices {
  readonly orchestrator: Orchestrator;
  readonly logs: ReadonlyMap<string, ServiceLog>;
}

/** The /status port entries of one service, from the live port map. */
export function portUrls(ports: PortMap, loaded: LoadedManifest, service: string): ServiceStatus['ports'] {
  const spec = loaded.manifest.services[service];
  return Object.fromEntries(
    Object.entries(ports[service] ?? {}).map(([name, port]) => {
      const protocol = spec?.ports[name]?.protocol ?? 'http';
      return [name, { port, protocol, ...(protocol === 'http' ? { url: `http://127.0.0.1:${port}` } : {}) }];
    }),
  );
}

/** Builds every service's executor and the orchestrator. */
export function buildServices(input: ServicesInput): BuiltServices {
  const { loaded, paths, ports, secrets, bus, logger, hooks } = input;
  const { manifest } = loaded;
  const logs = new Map<string, ServiceLog>();
  for (const name of Object.keys(manifest.services)) {
    logs.set(name, new ServiceLog({ file: join(paths.logs, `${name}.log`), maxBytes: manifest.logs.maxBytes, maxFiles: manifest.logs.maxFiles, onError: (error) => logger.warn('log write failed', { service: name, error: String(error) }) }));
  }
  const values = { ports, variables: { dataDir: paths.data, bundleDir: loaded.bundleDir, logsDir: paths.logs, node: process.execPath } };
  // Secrets' source variables reach only the services that declare them (as the secret).
  const strip = secrets.inheritedEnvToStrip(input.serviceEnv.secretSource);
  const baseEnv = withoutNames(input.serviceEnv.inherited, strip);
  const overrideEnv = withoutNames(input.serviceEnv.overrides, strip);
  const late: { orchestrator?: Orchestrator } = {};
  const context: ServiceContext = {
    bus,
    logger: logger.child({ concern: 'runtime' }),
    clock: input.clock ?? systemClock,
    spawner: systemSpawner,
    killer: systemKiller,
    probes: systemProbes,
    random: () => Math.random(),
    redact: (text) => secrets.redactor.redact(text),
    mayHoldSecret: (bytes) => secrets.redactor.occursIn(bytes),
    secretTail: (piece) => secrets.redactor.heldTail(piece),
    secretEnv: async (service) => (await secrets.materialize(service, manifest.services[service] ?? { secrets: {} })).env,
    appendLog: (service, block, stream, at) => logs.get(service)?.appendBlock(block, stream, at) ?? true,
    logDrained: (service) => logs.get(service)?.waitForDrain() ?? Promise.resolve(),
    recordRunStart: (run) => hooks?.recordRunStart(run) ?? Promise.resolve(null),
    recordRunEnd: (record, exit, reason) => hooks?.recordRunEnd(record, exit, reason) ?? Promise.resolve(),
    telemetry: (event) => hooks?.telemetry(event),
    observe: input.observe ?? (() => undefined),
  };
  const services = new Map<string, ServiceExecutor>();
  for (const [name, spec] of Object.entries(manifest.services)) {
    const definition = {
      name,
      spec,
      launch: () => resolveLaunch(spec, values),
      baseEnv,
      overrideEnv,
      ports: () => ports[name] ?? {},
      portUrls: () => portUrls(ports, loaded, name),
      reallocatePorts: async () => {
        const moved = await reallocateServicePorts(manifest, ports, name);
        // Services already launched with the old ports (a dependent on `started`) follow.
        if (moved) void late.orchestrator?.portsMoved(name, (other) => launchUsesPortsOf(manifest.services[other] ?? spec, name));
        return moved;
      },
      resolveArgv: (argv: readonly string[]) => argv.map((part) => expandTemplate(part, values)),
    };
    services.set(name, new ServiceExecutor(definition, context));
  }
  const taskGate: TaskGate | null = hooks?.taskGate ?? null;
  const orchestrator = new Orchestrator(services, buildDependencyGraph(manifest.services), bus, { missingFor: (service) => secrets.missingFor(manifest.services[service] ?? { secrets: {} }) }, taskGate);
  late.orchestrator = orchestrator;
  return { orchestrator, logs };
}
