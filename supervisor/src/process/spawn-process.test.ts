import { tmpdir } from 'node:os';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import { isGroupAlive, pidExists } from './process-alive.ts';
import { platformSpawnMethod, spawnProcess as spawnWith, type SpawnRequest, type SpawnMethod } from './spawn-process.ts';
import { systemClock } from '../clock/clock.ts';
import { systemKiller } from './seam.ts';
import { GroupStop } from './stop-process.ts';

const posix = process.platform !== 'win32';
const env = { PATH: process.env.PATH ?? '' };

function node(script: string): SpawnRequest {
  return { file: process.execPath, args: ['-e', script], env, cwd: tmpdir(), where: 'services.test' };
}

it('uses node:child_process on POSIX and execa on Windows (PATHEXT, .cmd/.bat through cmd.exe)', () => {
  expect(platformSpawnMethod('linux')).toBe('node');
  expect(platformSpawnMethod('darwin')).toBe('node');
  expect(platformSpawnMethod('win32')).toBe('execa');
});

// Both spawners run here: the Windows one (execa) behaves the same on POSIX, so it is tested too.
describe.each<SpawnMethod>(['node', 'execa'])('spawnProcess with %s', (spawner) => {
  const spawnProcess = (request: SpawnRequest) => spawnWith(request, spawner);

  it('pipes stdout and stderr, passes only the given env, and reports the exit code', async () => {
    const child = await spawnProcess({ ...node('console.log(process.env.ONLY, Object.keys(process.env).includes("HOME")); console.error("err"); process.exit(3)'), env: { ...env, ONLY: 'yes' } });
    const [out, err, exit] = await Promise.all([text(child.stdout), text(child.stderr), child.exited]);
    expect(out.trim()).toBe('yes false');
    expect(err.trim()).toBe('err');
    expect(exit).toEqual({ code: 3, signal: null });
    expect(child.pgid).toBe(posix ? child.pid : null);
  });

  it('gives a stdin pipe only when asked (shutdown.stdin), whose end the process sees; spawnedAtMs precedes the spawn', async () => {
    const before = Date.now();
    const piped = await spawnProcess({ ...node('process.stdin.resume().on("end", () => process.exit(5))'), stdin: 'pipe' });
    expect(piped.spawnedAtMs).toBeGreaterThanOrEqual(before);
    expect(piped.spawnedAtMs).toBeLessThanOrEqual(Date.now());
    piped.stdin?.end();
    expect(await piped.exited).toEqual({ code: 5, signal: null });
    const plain = await spawnProcess(node('process.stdin.resume().on("end", () => process.exit(6))'));
    expect(plain.stdin).toBeNull();
    expect(await plain.exited).toEqual({ code: 6, signal: null });
  });

  it('gives a pipe at fd 3 only when asked (readiness notify)', async () => {
    const script = 'require("fs").writeSync(3, "READY=1\\n")';
    const child = await spawnProcess({ ...node(script), notifyFd: true });
    expect(child.notify).not.toBeNull();
    expect(await text(child.notify ?? child.stdout)).toBe('READY=1\n');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    const without = await spawnProcess(node(script));
    expect(without.notify).toBeNull();
    expect((await without.exited).code).not.toBe(0);
  });

  it('reports the signal that ended the process', async () => {
    const child = await spawnProcess(node('setInterval(() => {}, 1000)'));
    process.kill(child.pid, 'SIGKILL');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it.each([
    { request: { file: '/nonexistent/berth-no-such-binary', args: [], env, cwd: tmpdir(), where: 'services.gone' }, message: /services\.gone: cannot run "\/nonexistent\/berth-no-such-binary": not found \(ENOENT\)/ },
    { request: { ...node('0'), cwd: '/nonexistent/berth-no-such-dir' }, message: /services\.test: cannot run .*\(ENOENT\)/ },
    { request: { ...node('0'), args: ['-e', 'nul\u0000byte'] }, message: /services\.test: cannot run/ },
  ])('rejects with SPAWN_FAILED: $message', async ({ request, message }) => {
    const failure: unknown = await spawnProcess(request).then(() => null, (error: unknown) => error);
    expect(isBerthError(failure) && failure.code === 'SPAWN_FAILED').toBe(true);
    expect((failure as Error).message).toMatch(message);
  });

  it.runIf(posix)('leads its own process group: a stop ends the grandchildren too', async () => {
    const child = await spawnProcess(node('const c = require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); console.log(c.pid); setInterval(() => {}, 1000)'));
    const grandchild = Number(await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString()))));
    expect(pidExists(grandchild)).toBe(true);
    const stop = new GroupStop(systemKiller, systemClock, child);
    stop.signal('SIGTERM', 5000);
    const exit = await child.exited;
    await stop.settle();
    expect(exit.signal).toBe('SIGTERM');
    expect(isGroupAlive(child.pid)).toBe(false);
    expect(pidExists(grandchild)).toBe(false);
  });
});
