import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeSupervisorCommand, isAlive, killAll, makeTempDir, recordedPids, waitGone } from '../../test/helpers.ts';
import { spawnSupervisor, type SupervisorProcess } from './spawn.ts';

const SPAWN_MODULE = fileURLToPath(new URL('./spawn.ts', import.meta.url));
const started: SupervisorProcess[] = [];
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  killAll(started.splice(0).map((p) => p.pid));
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('spawnSupervisor (real child processes)', () => {
  it('resolves with the handshake of a real process', async () => {
    const temp = await makeTempDir('ok');
    const pidFile = path.join(temp.dir, 'pids');
    cleanups.push(async () => {
      killAll(await recordedPids(pidFile));
      await temp.remove();
    });
    const proc = await spawnSupervisor({ ...fakeSupervisorCommand('noise', { FAKE_PID_FILE: pidFile }), handshakeTimeoutMs: 5_000 });
    started.push(proc);
    expect(proc.connection.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(proc.connection.token).toHaveLength(64);
    expect(proc.pid).toBe(proc.connection.pid);
    expect(isAlive(proc.pid)).toBe(true);
    proc.kill('SIGTERM');
    await proc.exited;
    expect(proc.hasExited()).toBe(true);
  });

  it('times out on a silent process and leaves nothing running', async () => {
    const temp = await makeTempDir('silent');
    try {
      const pidFile = path.join(temp.dir, 'pids');
      const error = await spawnSupervisor({ ...fakeSupervisorCommand('silent', { FAKE_PID_FILE: pidFile }), handshakeTimeoutMs: 1_500, hint: 'See desktop.log.' }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'HANDSHAKE_TIMEOUT', message: expect.stringContaining('desktop.log') });
      const pids = await recordedPids(pidFile);
      expect(pids).toHaveLength(1);
      await waitGone(pids);
    } finally {
      await temp.remove();
    }
  });

  it('reports an exit before the handshake with its exit code and stderr', async () => {
    const stderr: string[] = [];
    const error = await spawnSupervisor({ ...fakeSupervisorCommand('exit-early', { FAKE_EXIT_CODE: '2' }), handshakeTimeoutMs: 5_000, onStderrLine: (l) => stderr.push(l) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SUPERVISOR_EXITED', exitCode: 2 });
    expect(stderr).toContain('fake supervisor: refusing to start');
  });

  it('rejects a malformed handshake and kills the process', async () => {
    const temp = await makeTempDir('bad');
    const pidFile = path.join(temp.dir, 'pids');
    try {
      const error = await spawnSupervisor({ ...fakeSupervisorCommand('bad-handshake', { FAKE_PID_FILE: pidFile }), handshakeTimeoutMs: 5_000 }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'HANDSHAKE_INVALID' });
      const [supervisorPid] = await recordedPids(pidFile);
      await waitGone([supervisorPid ?? -1]);
    } finally {
      // The fixture's detached service outlives a SIGKILLed supervisor (the real one reaps it next start).
      killAll(await recordedPids(pidFile));
      await temp.remove();
    }
  });

  it('fails with SPAWN_FAILED when the runtime does not exist', async () => {
    const error = await spawnSupervisor({ command: '/nonexistent/berth-runtime', args: [], env: {}, handshakeTimeoutMs: 1_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'SPAWN_FAILED' });
  });

  it('keeps stdin open so the supervisor notices when the shell dies', async () => {
    const temp = await makeTempDir('orphan');
    const pidFile = path.join(temp.dir, 'pids');
    // A stand-in shell: spawns the supervisor through spawnSupervisor, then is SIGKILLed.
    const shellCode = `import { spawnSupervisor } from ${JSON.stringify(pathToFileURL(SPAWN_MODULE).href)};
      const cmd = JSON.parse(process.env.CMD);
      await spawnSupervisor({ ...cmd, handshakeTimeoutMs: 5000 });
      process.stdout.write('up\\n');
      setInterval(() => {}, 1000);`;
    const shell = spawn(process.execPath, ['--input-type=module', '-e', shellCode], {
      env: { ...process.env, CMD: JSON.stringify(fakeSupervisorCommand('ok', { FAKE_PID_FILE: pidFile })) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      await new Promise<void>((resolve) => shell.stdout.once('data', () => resolve()));
      const pids = await recordedPids(pidFile);
      expect(pids).toHaveLength(2);
      expect(pids.every(isAlive)).toBe(true);
      shell.kill('SIGKILL');
      await waitGone(pids);
    } finally {
      shell.kill('SIGKILL');
      killAll(await recordedPids(pidFile));
      await temp.remove();
    }
  });
});
