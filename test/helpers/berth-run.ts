// One `berth run` of the built supervisor as a child process of the test: its output, its exit,
// signals, and its control API (found through <stateDir>/control.json, as the CLI finds it).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { ControlFile, ServiceActionResponse, StatusResponse, type ServiceStatus } from '../../supervisor/src/control/contract.ts';
import { rawRequest, type RawReply } from './control-http.ts';
import type { ProcessTracker } from './process-groups.ts';
import { readRunRecords } from './run-records.ts';
import { fixture, type Sandbox } from './sandbox.ts';

/** The compiled CLI (built by `npm run build` before the tests); BERTH_E2E_CLI points at another build. */
export const BERTH = process.env.BERTH_E2E_CLI ?? resolve(import.meta.dirname, '../../dist/supervisor/berth.mjs');

/** How to start `berth run`. */
export interface StartOptions {
  /** Extra arguments after `run --bundle … --state-dir …`. */
  readonly args?: readonly string[];
  readonly profile?: 'headless' | 'desktop' | 'server';
  /** Start it under a stand-in parent (test/fixtures/parent-of-berth.mjs), as the desktop shell does. */
  readonly viaParent?: boolean;
  /** A bundle.json to run instead of the sandbox's own (the root Notes bundle, an upgraded copy of it); null: no --bundle (the installed current version runs). */
  readonly bundle?: string | null;
  /** Extra environment (BERTH_TEST_PAUSE_AT…). */
  readonly env?: Readonly<Record<string, string>>;
}

/** How the supervisor process ended, and when (ms since epoch, as seen by the test). */
export interface BerthExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly atMs: number;
}

/** Polling interval of every wait. */
const POLL_MS = 25;

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** The environment of the supervisor: the test's own, minus any BERTH_* setting that would override flags. */
function supervisorEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('BERTH_')));
}

/** A running (or finished) supervisor (or its stand-in parent, with `viaParent`). */
export class BerthRun {
  stdout = '';
  stderr = '';
  exit: BerthExit | null = null;
  readonly exited: Promise<BerthExit>;
  readonly sandbox: Sandbox;
  private readonly child: ChildProcess;
  private readonly tracker: ProcessTracker;
  private control: ControlFile | null = null;
  private readonly spawnedAtMs = Date.now();

  constructor(sandbox: Sandbox, tracker: ProcessTracker, options: StartOptions = {}) {
    if (!existsSync(BERTH)) throw new Error(`${BERTH} is missing: run \`npm run build\` first`);
    this.sandbox = sandbox;
    this.tracker = tracker;
    // process.execPath: vitest runs on the project's Node 24, which the supervisor needs.
    const bundleArgs = options.bundle === null ? [] : ['--bundle', options.bundle ?? sandbox.bundlePath];
    const argv = [BERTH, 'run', ...bundleArgs, '--state-dir', sandbox.stateDir, '--profile', options.profile ?? 'headless', ...(options.args ?? [])];
    this.child = spawn(process.execPath, options.viaParent === true ? [fixture('parent-of-berth.mjs'), process.execPath, ...argv] : argv, {
      cwd: sandbox.dir,
      env: { ...supervisorEnv(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (this.child.pid !== undefined) tracker.addPid(this.child.pid, options.viaParent === true ? 'parent of the supervisor' : 'supervisor');
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString('utf8')));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString('utf8')));
    this.exited = new Promise((done) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal, atMs: Date.now() };
        done(this.exit);
      });
    });
  }

  /** The pid of the process the test started (the supervisor, or its parent with `viaParent`). */
  get pid(): number {
    if (this.child.pid === undefined) throw new Error('the supervisor did not start');
    return this.child.pid;
  }

  /** Everything it printed, for assertion messages. */
  get output(): string {
    return `--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`;
  }

  /** Sends a signal to the supervisor (not its group: exactly what one Ctrl-C or `kill` does). */
  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Waits for the supervisor to exit, failing after `timeoutMs`. */
  async waitForExit(timeoutMs = 30_000): Promise<BerthExit> {
    const timeout = sleep(timeoutMs).then(() => null);
    const exit = await Promise.race([this.exited, timeout]);
    if (exit === null) throw new Error(`berth did not exit within ${timeoutMs} ms\n${this.output}`);
    return exit;
  }

  /** Waits until stdout (or stderr) matches; returns the first match. */
  async waitForOutput(pattern: RegExp, timeoutMs = 30_000, stream: 'stdout' | 'stderr' = 'stdout'): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = this[stream].match(pattern);
      if (match !== null) return match;
      if (Date.now() > deadline) throw new Error(`no ${stream} output matching ${pattern} within ${timeoutMs} ms\n${this.output}`);
      if (this.exit !== null) throw new Error(`berth exited (${this.exit.code ?? this.exit.signal}) before printing ${pattern}\n${this.output}`);
      await sleep(POLL_MS);
    }
  }

  /** control.json, once the control API is up (fails early if the supervisor exits first). */
  async controlFile(timeoutMs = 30_000): Promise<ControlFile> {
    if (this.control !== null) return this.control;
    const deadline = Date.now() + timeoutMs;
    const file = join(this.sandbox.stateDir, 'control.json');
    for (;;) {
      const text = await readFile(file, 'utf8').catch(() => null);
      const parsed = text === null ? null : ControlFile.safeParse(JSON.parse(text));
      // A control.json left by an earlier supervisor killed with -9 is not ours.
      if (parsed?.success === true && Date.parse(parsed.data.startedAt) >= this.spawnedAtMs) {
        this.control = parsed.data;
        this.tracker.addPid(parsed.data.pid, 'supervisor');
        return parsed.data;
      }
      if (this.exit !== null) throw new Error(`berth exited (${this.exit.code ?? this.exit.signal}) before its control API was up\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`no control.json within ${timeoutMs} ms\n${this.output}`);
      await sleep(POLL_MS);
    }
  }

  /** One authenticated request to the control API, whatever it answers. */
  async raw(method: 'GET' | 'POST', path: string, body?: unknown): Promise<RawReply> {
    const control = await this.controlFile();
    return rawRequest(Number(new URL(control.url).port), { method, path, token: control.token, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });
  }

  private async request(method: 'GET' | 'POST', path: string): Promise<unknown> {
    const reply = await this.raw(method, path);
    if (reply.status >= 400) throw new Error(`${method} ${path} answered ${reply.status}: ${reply.text}`);
    return reply.json();
  }

  /** GET /status; every pid it reports is tracked. */
  async status(): Promise<StatusResponse> {
    const status = StatusResponse.parse(await this.request('GET', '/status'));
    for (const service of status.services) if (service.pid !== null) this.tracker.addGroup(service.pid, `service ${service.name}`);
    return status;
  }

  /** One service of GET /status. */
  async service(name: string): Promise<ServiceStatus> {
    const found = (await this.status()).services.find((service) => service.name === name);
    if (found === undefined) throw new Error(`no service "${name}" in /status`);
    return found;
  }

  /** POST /services/:name/:action. */
  async act(name: string, action: 'start' | 'stop' | 'restart'): Promise<ServiceStatus> {
    return ServiceActionResponse.parse(await this.request('POST', `/services/${name}/${action}`)).service;
  }

  /** Polls /status until `check` holds; the error names `what` and shows the last status and output. */
  async waitFor(what: string, check: (services: Record<string, ServiceStatus>) => boolean, timeoutMs = 30_000): Promise<Record<string, ServiceStatus>> {
    const deadline = Date.now() + timeoutMs;
    let last: Record<string, ServiceStatus> = {};
    for (;;) {
      if (this.exit !== null) throw new Error(`berth exited (${this.exit.code ?? this.exit.signal}) while waiting for ${what}\n${describe(last)}\n${this.output}`);
      last = Object.fromEntries((await this.status()).services.map((service) => [service.name, service]));
      if (check(last)) return last;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${describe(last)}\n${this.output}`);
      await sleep(POLL_MS);
    }
  }

  /** Waits until every named service is in one of `states`. */
  waitForStates(names: readonly string[], states: readonly ServiceStatus['state'][], timeoutMs = 30_000): Promise<Record<string, ServiceStatus>> {
    return this.waitFor(`${names.join(', ')} to be ${states.join('/')}`, (services) => names.every((name) => states.includes(services[name]?.state ?? 'pending')), timeoutMs);
  }

  /** Tracks the groups of every run record written so far. */
  async trackRunRecords(): Promise<void> {
    for (const record of await readRunRecords(this.sandbox.stateDir)) {
      if (record.pgid !== null) this.tracker.addGroup(record.pgid, `service ${record.service} run ${record.runId}`);
      else if (record.pid !== null) this.tracker.addPid(record.pid, `service ${record.service} run ${record.runId}`);
    }
  }
}

function describe(services: Record<string, ServiceStatus>): string {
  return Object.values(services)
    .map((service) => `  ${service.name}: ${service.state}${service.reason === null ? '' : ` (${service.reason})`} pid=${service.pid ?? '-'} restarts=${service.restarts}`)
    .join('\n');
}
