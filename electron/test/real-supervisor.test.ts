// The real compiled supervisor (dist/supervisor/berth.mjs, `npm run build`) spawned through the
// shell's own code path — runDesktopApp → launcher → buildSupervisorCommand → spawnSupervisor —
// with plain Node as the runtime instead of Electron-as-Node, against a tiny fixture bundle.
import { spawn } from 'node:child_process';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../supervisor/src/control/contract.ts';
import { runDesktopApp } from '../main/app/desktop-app.ts';
import { createHttpRuntimeClient } from '../main/client/http-client.ts';
import { buildSupervisorCommand } from '../main/supervision/command.ts';
import { INVOKE_CHANNELS } from '../ipc/channels.ts';
import { createFakeElectron } from './fake-electron.ts';
import { REPO_ROOT, isAlive, killAll, makeTempDir, waitFor, waitGone } from './helpers.ts';
import { pathToFileURL } from 'node:url';

const SUPERVISOR = path.join(REPO_ROOT, 'dist', 'supervisor', 'berth.mjs');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('the real supervisor under the desktop shell', () => {
  it('starts the bundle, shows the ui when ready, and quits with no process left', async () => {
    const temp = await makeTempDir('real');
    const repoRoot = path.join(temp.dir, 'repo');
    await cp(path.join(import.meta.dirname, 'fixtures', 'real-bundle'), repoRoot, { recursive: true });
    const userData = path.join(temp.dir, 'user');
    const fake = createFakeElectron({ userData });
    const seenPids = new Set<number>();
    // The shell's log (supervisor stderr included), shown if the bundle never gets ready.
    const logLines: string[] = [];
    const record = (level: string) => (message: string) => void logLines.push(`${level} ${message}`);
    const recordingLogger = { debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
    cleanups.push(async () => {
      killAll([...seenPids]);
      await temp.remove();
    });
    const app = await runDesktopApp({
      electron: fake.api,
      log: recordingLogger,
      logFile: path.join(userData, 'desktop.log'),
      repoRoot,
      rendererDir: repoRoot,
      preloadPath: '/preload.cjs',
      trayIconDir: '/icons',
      updater: null,
      checkUpdatesOnStart: false,
      // The same command line as in the app, with plain Node as the runtime.
      command: (paths) => buildSupervisorCommand({ runtime: process.execPath, runAsNode: false, paths: { ...paths, script: SUPERVISOR }, baseEnv: process.env }),
      handshakeTimeoutMs: 20_000,
    });
    if (!app) throw new Error('no app');
    cleanups.push(() => app.shutdown());
    const [window] = fake.windows;
    if (!window) throw new Error('no window');

    let status: StatusResponse | null = null;
    let lastReply: unknown = null;
    await waitFor(async () => {
      // Asked as the dashboard frame: once the window shows the ui, its own frame gets FORBIDDEN.
      const handler = fake.handlers.get(INVOKE_CHANNELS.status);
      const reply = (await handler?.({ sender: { id: window.webContents.id }, senderFrame: { url: 'berth://app/index.html#/' } })) as { ok: boolean; value?: StatusResponse };
      lastReply = reply;
      status = reply.ok && reply.value ? reply.value : null;
      for (const service of status?.services ?? []) if (service.pid !== null) seenPids.add(service.pid);
      if (status) seenPids.add(status.supervisor.pid);
      return status?.supervisor.state === 'ready';
    }, 30_000, 'the bundle to be ready').catch((error: unknown) => {
      throw new Error(`${String(error)}; last /status reply: ${JSON.stringify(lastReply)}; shell log:\n${logLines.slice(-30).join('\n')}`);
    });
    const ready = status as StatusResponse | null;
    expect(ready?.supervisor.profile).toBe('desktop');
    expect(ready?.supervisor.stateDir).toBe(path.join(userData, 'state'));
    expect(ready?.services.map((s) => s.name).sort()).toEqual(['ui', 'worker']);
    expect(ready?.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:461\d\d/);

    // Dashboard first, then the ui service once it is ready.
    expect(window.loads[0]).toBe('berth://app/index.html#/');
    await waitFor(() => window.loads.some((url) => url.startsWith('http://127.0.0.1:461')), 10_000, 'the ui to be shown');
    expect(window.navigate(ready?.uiUrl ?? '')).toBe(false);
    // The bundle's own ui page gets no Berth API.
    await expect(fake.invoke(window, INVOKE_CHANNELS.status)).resolves.toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const pids = [...seenPids];
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(pids.every(isAlive)).toBe(true);
    fake.api.app.quit();
    await waitFor(() => fake.quits === 1, 30_000, 'the app to quit');
    await waitGone(pids, 10_000);
  });

  it('stops every service when the shell dies (stdin closes)', async () => {
    const temp = await makeTempDir('orphan-real');
    const seenPids = new Set<number>();
    const spawnModule = pathToFileURL(path.join(REPO_ROOT, 'electron/main/supervision/spawn.ts')).href;
    const commandModule = pathToFileURL(path.join(REPO_ROOT, 'electron/main/supervision/command.ts')).href;
    const paths = { script: SUPERVISOR, bundle: path.join(import.meta.dirname, 'fixtures', 'real-bundle', 'bundle.json'), stateDir: path.join(temp.dir, 'state') };
    // A stand-in shell: spawns the real supervisor exactly as the app does, then is SIGKILLed.
    const shellCode = `import { spawnSupervisor } from ${JSON.stringify(spawnModule)};
      import { buildSupervisorCommand } from ${JSON.stringify(commandModule)};
      const cmd = buildSupervisorCommand({ runtime: process.execPath, runAsNode: false, paths: JSON.parse(process.env.PATHS), baseEnv: process.env });
      const proc = await spawnSupervisor({ ...cmd, handshakeTimeoutMs: 20000 });
      process.stdout.write(JSON.stringify(proc.connection) + '\\n');
      setInterval(() => {}, 1000);`;
    const shell = spawn(process.execPath, ['--input-type=module', '-e', shellCode], { env: { ...process.env, PATHS: JSON.stringify(paths) }, stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(async () => {
      shell.kill('SIGKILL');
      killAll([...seenPids]);
      await temp.remove();
    });
    const connection = await new Promise<{ url: string; token: string; pid: number }>((resolve, reject) => {
      let buffer = '';
      shell.stdout.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        if (buffer.includes('\n')) resolve(JSON.parse(buffer.split('\n')[0] ?? '') as { url: string; token: string; pid: number });
      });
      shell.once('exit', () => reject(new Error('the stand-in shell exited')));
    });
    seenPids.add(connection.pid);
    const client = createHttpRuntimeClient(connection);
    await waitFor(async () => {
      const status = await client.status();
      for (const service of status.services) if (service.pid !== null) seenPids.add(service.pid);
      return status.supervisor.state === 'ready';
    }, 30_000, 'ready');
    expect(seenPids.size).toBe(3);
    shell.kill('SIGKILL');
    // DESIGN §9: the supervisor stops everything within about a second of its parent's death.
    await waitGone([...seenPids], 10_000);
  });
});
