// The real compiled supervisor (dist/supervisor/berth.mjs, `npm run build`) spawned through the
// shell's own code path — runDesktopApp → launcher → buildSupervisorCommand → spawnSupervisor —
// with plain Node as the runtime instead of Electron-as-Node, against a tiny fixture bundle.
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../supervisor/src/control/contract.ts';
import { runDesktopApp } from '../main/app/desktop-app.ts';
import { silentLogger } from '../main/logging.ts';
import { buildSupervisorCommand } from '../main/supervision/command.ts';
import { INVOKE_CHANNELS } from '../ipc/channels.ts';
import { createFakeElectron } from './fake-electron.ts';
import { REPO_ROOT, isAlive, killAll, makeTempDir, waitFor, waitGone } from './helpers.ts';

const SUPERVISOR = path.join(REPO_ROOT, 'dist', 'supervisor', 'berth.mjs');
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!existsSync(SUPERVISOR))('the real supervisor under the desktop shell', () => {
  it('starts the bundle, shows the ui when ready, and quits with no process left', async () => {
    const temp = await makeTempDir('real');
    const repoRoot = path.join(temp.dir, 'repo');
    await cp(path.join(import.meta.dirname, 'fixtures', 'real-bundle'), repoRoot, { recursive: true });
    const userData = path.join(temp.dir, 'user');
    const fake = createFakeElectron({ userData });
    const seenPids = new Set<number>();
    cleanups.push(async () => {
      killAll([...seenPids]);
      await temp.remove();
    });
    const app = await runDesktopApp({
      electron: fake.api,
      log: silentLogger,
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
    await waitFor(async () => {
      const reply = (await fake.invoke(window, INVOKE_CHANNELS.status)) as { ok: boolean; value?: StatusResponse };
      status = reply.ok && reply.value ? reply.value : null;
      for (const service of status?.services ?? []) if (service.pid !== null) seenPids.add(service.pid);
      if (status) seenPids.add(status.supervisor.pid);
      return status?.supervisor.state === 'ready';
    }, 30_000, 'the bundle to be ready');
    const ready = status as StatusResponse | null;
    expect(ready?.supervisor.profile).toBe('desktop');
    expect(ready?.supervisor.stateDir).toBe(path.join(userData, 'state'));
    expect(ready?.services.map((s) => s.name).sort()).toEqual(['ui', 'worker']);
    expect(ready?.uiUrl).toMatch(/^http:\/\/127\.0\.0\.1:461\d\d/);

    // Dashboard first, then the ui service once it is ready.
    expect(window.loads[0]).toBe('berth://app/index.html#/');
    await waitFor(() => window.loads.some((url) => url.startsWith('http://127.0.0.1:461')), 10_000, 'the ui to be shown');
    expect(window.navigate(ready?.uiUrl ?? '')).toBe(false);

    const pids = [...seenPids];
    expect(pids.length).toBeGreaterThanOrEqual(3);
    expect(pids.every(isAlive)).toBe(true);
    fake.api.app.quit();
    await waitFor(() => fake.quits === 1, 30_000, 'the app to quit');
    await waitGone(pids, 10_000);
  });
});
