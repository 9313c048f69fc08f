// A temp folder per test: bundle.json, state dir, the fixtures' mark file, and a block of ports of
// its own so concurrent test files (and other teams' supervisors) rarely meet on a port.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BundleManifestInput } from '../../supervisor/src/manifest/schema.ts';

/** Absolute path of a fixture service under test/fixtures. */
export function fixture(file: string): string {
  return resolve(import.meta.dirname, '..', 'fixtures', file);
}

/** One service of a bundle, as written in bundle.json. */
export type ServiceInput = BundleManifestInput['services'][string];

/** A `${node} <fixture>` command. */
export function nodeFixture(file: string, ...args: string[]): string[] {
  return ['${node}', fixture(file), ...args];
}

/** One "<name> <event> <ms> <pid>" line of the mark file. */
export interface Mark {
  readonly name: string;
  readonly event: string;
  readonly atMs: number;
  readonly pid: number;
}

/** A test's temp folder. */
export class Sandbox {
  readonly dir: string;
  readonly bundlePath: string;
  readonly stateDir: string;
  readonly markFile: string;
  /** First port of this sandbox's block: services use [base, base+39], the control API [base+40, base+49]. */
  readonly portBase: number;

  private constructor(dir: string, portBase: number) {
    this.dir = dir;
    this.bundlePath = join(dir, 'bundle.json');
    this.stateDir = join(dir, 'state');
    this.markFile = join(dir, 'marks.txt');
    this.portBase = portBase;
  }

  /**
   * Makes a temp folder. The port block is random in 12000–19999: below the ephemeral range (no
   * client socket holds one), and apart from the benchmarks' 20000–31999 and the 46000–47999 of
   * other tests and bundles, which can fill whole blocks while running.
   */
  static async create(label: string): Promise<Sandbox> {
    const dir = await mkdtemp(join(tmpdir(), `berth-${label}-`));
    return new Sandbox(dir, 12_000 + 50 * Math.floor(Math.random() * 160));
  }

  /** A path inside the sandbox. */
  path(name: string): string {
    return join(this.dir, name);
  }

  /** Writes bundle.json with these services (the mark file is passed to every one as MARK_FILE). */
  async writeBundle(services: Record<string, ServiceInput>, extra: Partial<BundleManifestInput> = {}): Promise<void> {
    const withMarks = Object.fromEntries(
      Object.entries(services).map(([name, spec]) => [name, { ...spec, env: { NAME: name, MARK_FILE: this.markFile, ...spec.env } }]),
    );
    const bundle: BundleManifestInput = {
      schemaVersion: 1,
      app: { id: 'dev.berth.e2e', name: 'E2E', version: '1.0.0' },
      ports: { range: [this.portBase, this.portBase + 39] },
      control: { range: [this.portBase + 40, this.portBase + 49] },
      ...extra,
      services: withMarks,
    };
    await writeFile(this.bundlePath, `${JSON.stringify(bundle, null, 2)}\n`);
  }

  /** The marks written so far, in file order. */
  async marks(): Promise<Mark[]> {
    const text = await readFile(this.markFile, 'utf8').catch(() => '');
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [name = '', event = '', atMs = '0', pid = '0'] = line.split(' ');
        return { name, event, atMs: Number(atMs), pid: Number(pid) };
      });
  }

  /** The time of the first (or only) `event` mark of `name`; throws when it is missing. */
  async markAt(name: string, event: string): Promise<number> {
    const found = (await this.marks()).find((entry) => entry.name === name && entry.event === event);
    if (found === undefined) throw new Error(`no "${event}" mark from ${name} in ${this.markFile}`);
    return found.atMs;
  }

  /** Removes the folder. */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
