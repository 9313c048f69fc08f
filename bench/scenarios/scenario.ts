// A scenario: the supervisor-neutral description of the work (which services, their ports,
// environment, dependencies and grace period). Every peer's configuration is generated from it.
import { fileURLToPath } from 'node:url';

/**
 * Which listener fixture the services run. `node`: bench/fixtures/listener.mjs on the bench's
 * Node (≈ 100 ms of CPU to boot). `light`: bench/fixtures/listener.pl on perl-base (≈ 5 ms from
 * spawn to listening, no CPU to speak of), for the figures that must measure the supervisor.
 */
export type ListenerKind = 'node' | 'light';

/** The program that runs a fixture script. */
export type Runtime = 'node' | 'perl';

/** The perl every light service runs on (perl-base, Essential on Debian). */
export const PERL = '/usr/bin/perl';

/** Runtime, fixture file and a label for the report, per listener kind. */
export const LISTENERS: Readonly<Record<ListenerKind, { readonly runtime: Runtime; readonly file: string; readonly label: string }>> = {
  node: { runtime: 'node', file: 'listener.mjs', label: 'Node listener (`node listener.mjs`)' },
  light: { runtime: 'perl', file: 'listener.pl', label: 'light listener (`perl listener.pl`)' },
};

/** One service: `<runtime> <script>` with PORT and its extra environment. */
export interface ServiceDef {
  readonly name: string;
  readonly port: number;
  /** The program run: the scenario's `node` or its `perl`. */
  readonly runtime: Runtime;
  /** Absolute path of the fixture script the runtime runs. */
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
  /** Names this service waits for (ready) before it starts. */
  readonly dependsOn: readonly string[];
}

/** A set of services and how they are stopped. */
export interface Scenario {
  readonly id: string;
  /** The Node binary of the `node` services (the bench's own). */
  readonly node: string;
  /** The perl binary of the `perl` services. */
  readonly perl: string;
  readonly services: readonly ServiceDef[];
  /** SIGTERM → SIGKILL grace period. */
  readonly graceMs: number;
  /**
   * Readiness probe of Berth's bundle: a TCP connect to the port — the same test the harness
   * applies to every supervisor ("listening") — or none (running = up).
   */
  readonly readiness: 'tcp' | 'none';
}

/** Absolute path of the program that runs a service. */
export function programOf(scenario: Scenario, service: ServiceDef): string {
  return service.runtime === 'node' ? scenario.node : scenario.perl;
}

/** Absolute path of a fixture in bench/fixtures. */
export function fixturePath(file: string): string {
  return fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
}

/** The environment every service gets: its name, port and where it logs its listen time. */
export function baseEnv(name: string, port: number, listenLog: string): Record<string, string> {
  return { PORT: String(port), SERVICE_NAME: name, LISTEN_LOG: listenLog };
}
