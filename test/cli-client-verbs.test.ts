// The client verbs as real processes against a real control server (in-test runtime): --json
// output parsed, exit codes 0/1/2, secrets from stdin only, logs -f over /events, and a clear
// message when no supervisor runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogLine, SecretsResponse, ServiceActionResponse, StatusResponse } from '../supervisor/src/control/contract.ts';
import { startControlServer, writeControlFile, type ControlServer } from '../supervisor/src/control/index.ts';
import { silentLogger } from '../supervisor/src/logging/logger.ts';
import { createFakeRuntime, type FakeRuntime } from './helpers/control-fake-runtime.ts';
import { runCli } from './helpers/cli-run.ts';

const NODE = join(import.meta.dirname, '..', 'node_modules', '.bin', 'node');
const ENTRY = join(import.meta.dirname, 'helpers', 'cli-client-entry.ts');
let stateDir: string;
let runtime: FakeRuntime;
let server: ControlServer;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'berth-cli-'));
  runtime = createFakeRuntime();
  server = await startControlServer({ runtime, logger: silentLogger, port: 0 });
  await writeControlFile(stateDir, { url: server.url, token: server.token, pid: process.pid });
});
afterAll(async () => {
  await server.close();
  await rm(stateDir, { recursive: true, force: true });
});

const berth = (args: string[], options: Parameters<typeof runCli>[1] = {}) => runCli([NODE, ENTRY, ...args, '--state-dir', stateDir], options);

describe('berth client verbs', () => {
  it('status --json prints the StatusResponse; status prints a table', async () => {
    const json = await berth(['status', '--json']);
    expect(json.code).toBe(0);
    expect(StatusResponse.parse(JSON.parse(json.stdout)).services).toHaveLength(2);
    const table = await berth(['status']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/NAME\s+KIND\s+STATE\s+PID\s+PORTS\s+RESTARTS\s+UPTIME/);
    expect(table.stdout).toMatch(/api\s+service\s+ready\s+1000\s+http=47100\s+0\s+5s/);
  });

  it('logs prints the tail as NDJSON with --json, and exits 2 for an unknown service', async () => {
    const json = await berth(['logs', 'api', '-n', '2', '--json']);
    expect(json.code).toBe(0);
    expect(json.stdout.trim().split('\n').map((line) => LogLine.parse(JSON.parse(line)).line)).toEqual(['line 2', 'line 3']);
    const text = await berth(['logs']);
    expect(text.stdout).toContain('api | line 1');
    const unknown = await berth(['logs', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nope');
  });

  it('start/stop/restart: JSON reply, exit 2 for an unknown service, 1 for a senseless transition', async () => {
    const restart = await berth(['restart', 'api', '--json']);
    expect(restart.code).toBe(0);
    expect(ServiceActionResponse.parse(JSON.parse(restart.stdout)).service.name).toBe('api');
    const unknown = await berth(['start', 'nope', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toEqual({ error: { code: 'SERVICE_UNKNOWN', message: expect.any(String) } });
    const stopStopped = await berth(['stop', 'db']);
    expect(stopStopped.code).toBe(1);
    expect(stopStopped.stderr).toContain('already stopped');
  });

  it('secrets set reads the value from stdin and never prints it', async () => {
    const set = await berth(['secrets', 'set', 'API_KEY', '--json'], { stdin: 'sk-from-stdin-123\n' });
    expect(set.code).toBe(0);
    expect(SecretsResponse.parse(JSON.parse(set.stdout))).toEqual({ accepted: ['API_KEY'] });
    expect(runtime.secrets.get('API_KEY')).toBe('sk-from-stdin-123');
    expect(set.stdout + set.stderr).not.toContain('sk-from-stdin-123');
    const empty = await berth(['secrets', 'set', 'API_KEY'], { stdin: '' });
    expect(empty.code).toBe(2);
    const undeclared = await berth(['secrets', 'set', 'NOPE'], { stdin: 'value-1234' });
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toContain('NOPE');
  });

  it('logs -f prints the tail, then live lines, and ends when the supervisor stops', async () => {
    let published = false;
    const result = await berth(['logs', 'api', '-f', '-n', '1', '--json'], {
      onStdout: (text) => {
        if (published || !text.includes('line 3')) return;
        published = true;
        runtime.events.publish({ type: 'log', service: 'api', stream: 'stderr', line: 'live line', at: new Date().toISOString() });
        runtime.events.publish({ type: 'log', service: 'db', stream: 'stdout', line: 'other service', at: new Date().toISOString() });
        setTimeout(() => runtime.events.publish({ type: 'supervisor', state: 'stopped', at: new Date().toISOString() }), 50);
      },
    });
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n').map((line) => LogLine.parse(JSON.parse(line)).line)).toEqual(['line 3', 'live line']);
  });

  it('shutdown --no-wait asks for a shutdown', async () => {
    const result = await berth(['shutdown', '--no-wait', '--json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ accepted: true, pid: process.pid, stopped: false });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runtime.calls.at(-1)).toBe('shutdown');
  });
});

describe('berth client verbs without a supervisor', () => {
  it('says so and exits 1 when there is no control.json', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'berth-cli-none-'));
    const result = await runCli([NODE, ENTRY, 'status'], { env: { BERTH_STATE_DIR: empty } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No Berth supervisor is running');
    await rm(empty, { recursive: true, force: true });
  });

  it('says so and exits 1 when control.json names a dead pid', async () => {
    const stale = await mkdtemp(join(tmpdir(), 'berth-cli-stale-'));
    await writeControlFile(stale, { url: 'http://127.0.0.1:1', token: 'x'.repeat(43), pid: 2 ** 22 + 12_345 });
    const result = await runCli([NODE, ENTRY, 'status', '--json', '--state-dir', stale]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).error.code).toBe('SUPERVISOR_NOT_RUNNING');
    await rm(stale, { recursive: true, force: true });
  });
});
