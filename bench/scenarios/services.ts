// The scenarios of the figures: N independent listeners, a dependency chain, one log printer.
import { baseEnv, fixturePath, LISTENERS, PERL, type ListenerKind, type Scenario } from './scenario.ts';

/** Common inputs of a scenario. */
export interface ScenarioInput {
  readonly node: string;
  /** The perl of light services (default /usr/bin/perl). */
  readonly perl?: string;
  readonly ports: readonly number[];
  readonly listenLog: string;
  readonly graceMs?: number;
}

function nameOf(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(3, '0')}`;
}

/** `ports.length` independent HTTP listeners of one kind; `ignoreTerm` makes each ignore SIGTERM. */
export function independentScenario(input: ScenarioInput & { listener: ListenerKind; ignoreTerm?: boolean }): Scenario {
  return listenerScenario(`independent-${input.ports.length}-${input.listener}${input.ignoreTerm === true ? '-ignore-term' : ''}`, input, 'svc', (): ListenerExtra => ({
    env: input.ignoreTerm === true ? { IGNORE_TERM: '1' } : {},
    dependsOn: [],
  }));
}

/** A chain: service i depends on service i-1 being ready; each waits `startDelayMs` before listening. */
export function chainScenario(input: ScenarioInput & { listener: ListenerKind; startDelayMs: number }): Scenario {
  return listenerScenario(`chain-${input.ports.length}-${input.listener}`, input, 'lvl', (index) => ({
    env: { START_DELAY_MS: String(input.startDelayMs) },
    dependsOn: index === 0 ? [] : [nameOf('lvl', index - 1)],
  }));
}

/** What a scenario adds to the service at `index`: env beyond the base, and its dependencies. */
interface ListenerExtra {
  readonly env: Readonly<Record<string, string>>;
  readonly dependsOn: string[];
}

/** One listener service per port (tcp readiness), named `<prefix>NNN`; `extra` adds env and dependencies. */
function listenerScenario(id: string, input: ScenarioInput & { listener: ListenerKind }, prefix: string, extra: (index: number) => ListenerExtra): Scenario {
  const { runtime, file } = LISTENERS[input.listener];
  return {
    id,
    node: input.node,
    perl: input.perl ?? PERL,
    graceMs: input.graceMs ?? 1000,
    readiness: 'tcp',
    services: input.ports.map((port, index) => {
      const name = nameOf(prefix, index);
      const { env, dependsOn } = extra(index);
      return { name, port, runtime, script: fixturePath(file), env: { ...baseEnv(name, port, input.listenLog), ...env }, dependsOn };
    }),
  };
}

/** One Node service printing `bytes` of log lines to stdout, then idling (so nobody restarts it). */
export function printerScenario(input: ScenarioInput & { bytes: number; printLog: string }): Scenario {
  const port = input.ports[0] ?? 0;
  return {
    id: 'log-printer',
    node: input.node,
    perl: input.perl ?? PERL,
    graceMs: input.graceMs ?? 1000,
    readiness: 'none',
    services: [{ name: 'printer', port, runtime: 'node', script: fixturePath('printer.mjs'), env: { ...baseEnv('printer', port, input.listenLog), PRINT_BYTES: String(input.bytes), PRINT_LOG: input.printLog }, dependsOn: [] }],
  };
}
