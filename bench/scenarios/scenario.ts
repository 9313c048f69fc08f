// A scenario: the supervisor-neutral description of the work (which services, their ports,
// environment, dependencies and grace period). Every peer's configuration is generated from it.
import { fileURLToPath } from 'node:url';

/** One service: `node <script>` with PORT and its extra environment. */
export interface ServiceDef {
  readonly name: string;
  readonly port: number;
  /** Absolute path of the fixture script run by `node`. */
  readonly script: string;
  readonly env: Readonly<Record<string, string>>;
  /** Names this service waits for (ready) before it starts. */
  readonly dependsOn: readonly string[];
}

/** A set of services and how they are stopped. */
export interface Scenario {
  readonly id: string;
  /** The Node binary every service runs on (the bench's own). */
  readonly node: string;
  readonly services: readonly ServiceDef[];
  /** SIGTERM → SIGKILL grace period. */
  readonly graceMs: number;
  /**
   * Readiness probe of Berth's bundle: a TCP connect to the port — the same test the harness
   * applies to every supervisor ("listening") — or none (running = up).
   */
  readonly readiness: 'tcp' | 'none';
}

/** Absolute path of a fixture in bench/fixtures. */
export function fixturePath(file: string): string {
  return fileURLToPath(new URL(`../fixtures/${file}`, import.meta.url));
}

/** The environment every service gets: its name, port and where it logs its listen time. */
export function baseEnv(name: string, port: number, listenLog: string): Record<string, string> {
  return { PORT: String(port), SERVICE_NAME: name, LISTEN_LOG: listenLog };
}
