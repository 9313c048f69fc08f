// The scenarios of the figures: N independent listeners, a dependency chain, one log printer.
import { baseEnv, fixturePath, type Scenario } from './scenario.ts';

/** Common inputs of a scenario. */
export interface ScenarioInput {
  readonly node: string;
  readonly ports: readonly number[];
  readonly listenLog: string;
  readonly graceMs?: number;
}

function nameOf(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(3, '0')}`;
}

/** `ports.length` independent HTTP listeners; `ignoreTerm` makes each ignore SIGTERM. */
export function independentScenario(input: ScenarioInput & { ignoreTerm?: boolean }): Scenario {
  return {
    id: `independent-${input.ports.length}${input.ignoreTerm === true ? '-ignore-term' : ''}`,
    node: input.node,
    graceMs: input.graceMs ?? 1000,
    readiness: 'tcp',
    services: input.ports.map((port, index) => {
      const name = nameOf('svc', index);
      return { name, port, script: fixturePath('listener.mjs'), env: { ...baseEnv(name, port, input.listenLog), ...(input.ignoreTerm === true ? { IGNORE_TERM: '1' } : {}) }, dependsOn: [] };
    }),
  };
}

/** A chain: service i depends on service i-1 being ready; each waits `startDelayMs` before listening. */
export function chainScenario(input: ScenarioInput & { startDelayMs: number }): Scenario {
  return {
    id: `chain-${input.ports.length}`,
    node: input.node,
    graceMs: input.graceMs ?? 1000,
    readiness: 'tcp',
    services: input.ports.map((port, index) => {
      const name = nameOf('lvl', index);
      return { name, port, script: fixturePath('listener.mjs'), env: { ...baseEnv(name, port, input.listenLog), START_DELAY_MS: String(input.startDelayMs) }, dependsOn: index === 0 ? [] : [nameOf('lvl', index - 1)] };
    }),
  };
}

/** One service printing `bytes` of log lines to stdout, then idling (so nobody restarts it). */
export function printerScenario(input: ScenarioInput & { bytes: number; printLog: string }): Scenario {
  const port = input.ports[0] ?? 0;
  return {
    id: 'log-printer',
    node: input.node,
    graceMs: input.graceMs ?? 1000,
    readiness: 'none',
    services: [{ name: 'printer', port, script: fixturePath('printer.mjs'), env: { ...baseEnv('printer', port, input.listenLog), PRINT_BYTES: String(input.bytes), PRINT_LOG: input.printLog }, dependsOn: [] }],
  };
}
