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
  const { runtime, file } = LISTENERS[input.listener];
  return {
    id: `independent-${input.ports.length}-${input.listener}${input.ignoreTerm === true ? '-ignore-term' : ''}`,
    node: input.node,
    perl: input.perl ?? PERL,
    graceMs: input.graceMs ?? 1000,
    readiness: 'tcp',
    services: input.ports.map((port, index) => {
      const name = nameOf('svc', index);
      return { name, port, runtime, script: fixturePath(file), env: { ...baseEnv(name, port, input.listenLog), ...(input.ignoreTerm === true ? { IGNORE_TERM: '1' } : {}) }, dependsOn: [] };
    }),
  };
}

/** A chain: service i depends on service i-1 being ready; each waits `startDelayMs` before listening. */
export function chainScenario(input: ScenarioInput & { listener: ListenerKind; startDelayMs: number }): Scenario {
  const { runtime, file } = LISTENERS[input.listener];
  return {
    id: `chain-${input.ports.length}-${input.listener}`,
    node: input.node,
    perl: input.perl ?? PERL,
    graceMs: input.graceMs ?? 1000,
    readiness: 'tcp',
    services: input.ports.map((port, index) => {
      const name = nameOf('lvl', index);
      return { name, port, runtime, script: fixturePath(file), env: { ...baseEnv(name, port, input.listenLog), START_DELAY_MS: String(input.startDelayMs) }, dependsOn: index === 0 ? [] : [nameOf('lvl', index - 1)] };
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
