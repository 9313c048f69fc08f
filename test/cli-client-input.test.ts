// Client-side inputs: the secret prompt (no echo on a TTY, pipes as-is), the state-dir
// resolution order, and how API error bodies become BerthErrors (and so exit codes).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import { readSecretValue } from '../supervisor/src/cli/read-secret-value.ts';
import { resolveClientStateDir, toBerthError } from '../supervisor/src/client/index.ts';
import { createControlClient } from '../supervisor/src/control/client/index.ts';
import { defaultStateDir } from '../supervisor/src/config/default-state-dir.ts';
import { exitCodeFor, isBerthError } from '../supervisor/src/errors.ts';
import { replyJson, startScriptedServer } from './helpers/scripted-http-server.ts';

function fakeTty() {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: vi.fn() });
  const stderr = new PassThrough();
  let shown = '';
  stderr.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  return { stdin: stdin as unknown as NodeJS.ReadStream & { setRawMode: ReturnType<typeof vi.fn> }, stderr: stderr as unknown as NodeJS.WriteStream, shown: () => shown };
}

describe('readSecretValue', () => {
  it('reads a typed value without echo, with Backspace', async () => {
    const tty = fakeTty();
    const value = readSecretValue('API_KEY', tty.stdin, tty.stderr);
    tty.stdin.write('sk-tyx\u007fped\r');
    expect(await value).toBe('sk-typed');
    expect(tty.shown()).toBe('Value for API_KEY (not shown): \n');
    expect(tty.stdin.setRawMode.mock.calls).toEqual([[true], [false]]);
  });

  it('cancels on Ctrl-C', async () => {
    const tty = fakeTty();
    const value = readSecretValue('API_KEY', tty.stdin, tty.stderr);
    tty.stdin.write('abc\u0003');
    await expect(value).rejects.toThrow(/Cancelled/);
  });

  it('takes piped input as-is minus one trailing newline, and refuses an empty one (exit 2)', async () => {
    const pipe = new PassThrough();
    pipe.end('  spaced value \n');
    expect(await readSecretValue('K', pipe as unknown as NodeJS.ReadStream)).toBe('  spaced value ');
    const empty = new PassThrough();
    empty.end('');
    const error: unknown = await readSecretValue('K', empty as unknown as NodeJS.ReadStream).catch((caught: unknown) => caught);
    expect(exitCodeFor(error)).toBe(2);
  });
});

describe('resolveClientStateDir', () => {
  it('takes --state-dir, then BERTH_STATE_DIR, then the bundle app id default', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'berth-statedir-'));
    await writeFile(join(dir, 'bundle.json'), JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.where', name: 'W', version: '1.0.0' }, services: { a: { command: ['x'] } } }));
    expect(await resolveClientStateDir({ stateDir: 'flag' }, { BERTH_STATE_DIR: '/env' }, dir)).toBe(join(dir, 'flag'));
    expect(await resolveClientStateDir({}, { BERTH_STATE_DIR: '/env' }, dir)).toBe('/env');
    expect(await resolveClientStateDir({}, {}, dir)).toBe(defaultStateDir('dev.berth.where', {}));
    const error: unknown = await resolveClientStateDir({}, {}, tmpdir()).catch((caught: unknown) => caught);
    expect(isBerthError(error, 'CONFIG_INVALID')).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('client errors as BerthErrors (toBerthError)', () => {
  it.each([
    [404, 'SERVICE_UNKNOWN', 'SERVICE_UNKNOWN', 2],
    [409, 'TRANSITION_INVALID', 'TRANSITION_INVALID', 1],
    [400, 'SECRET_INVALID', 'SECRET_INVALID', 2],
    [401, 'UNAUTHORIZED', 'UNAUTHORIZED', 1],
    [500, 'SOMETHING_NEW', 'CONTROL_REQUEST_FAILED', 1],
  ])('HTTP %s %s → %s, exit %s', async (status, code, berthCode, exit) => {
    const server = await startScriptedServer();
    try {
      server.handle = (_req, res) => replyJson(res, status, { error: { code, message: 'm' } });
      const client = createControlClient({ baseUrl: server.url, auth: { kind: 'bearer', token: 't' } });
      const error = toBerthError(await client.serviceAction('api', 'stop').catch((caught: unknown) => caught));
      expect(exitCodeFor(error)).toBe(exit);
      expect(isBerthError(error, berthCode as 'SERVICE_UNKNOWN')).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('reports an unreachable supervisor as SUPERVISOR_NOT_RUNNING (exit 1)', async () => {
    const gone = await startScriptedServer();
    await gone.close();
    const client = createControlClient({ baseUrl: gone.url, auth: { kind: 'bearer', token: 'tok' } });
    const error = toBerthError(await client.status().catch((caught: unknown) => caught));
    expect(isBerthError(error, 'SUPERVISOR_NOT_RUNNING')).toBe(true);
    expect(exitCodeFor(error)).toBe(1);
  });

  it('leaves any other error as it is', () => {
    const error = new Error('other');
    expect(toBerthError(error)).toBe(error);
  });
});
