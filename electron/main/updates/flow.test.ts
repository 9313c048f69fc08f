import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/helpers.ts';
import { createUpdateFlow, type UpdaterPort } from './flow.ts';

/** A fake electron-updater recording the order of what happens. */
function fakeUpdater(result: Awaited<ReturnType<UpdaterPort['checkForUpdates']>> | Error, steps: string[]) {
  let downloaded: ((info: { version: string }) => void) | null = null;
  const updater: UpdaterPort = {
    checkForUpdates: async () => {
      steps.push('check');
      if (result instanceof Error) throw result;
      return result;
    },
    onUpdateDownloaded: (listener) => { downloaded = listener; },
    onError: () => undefined,
    quitAndInstall: () => void steps.push('quitAndInstall'),
  };
  return { updater, download: (version: string) => downloaded?.({ version }) };
}

describe('update flow', () => {
  it('asks, then shuts the supervisor down, then installs — in that order', async () => {
    const steps: string[] = [];
    const { updater, download } = fakeUpdater({ isUpdateAvailable: true, updateInfo: { version: '2.0.0' } }, steps);
    const flow = createUpdateFlow({
      updater,
      confirmInstall: async (version) => { steps.push(`ask ${version}`); return true; },
      notify: async (m) => void steps.push(`notify ${m}`),
      shutdownSupervisor: async () => {
        steps.push('shutdown start');
        await new Promise((resolve) => setTimeout(resolve, 20));
        steps.push('shutdown done');
      },
      log: () => undefined,
    });
    await flow.check(false);
    download('2.0.0');
    await waitFor(() => steps.includes('quitAndInstall'), 2_000, 'install');
    expect(steps).toEqual(['check', 'ask 2.0.0', 'shutdown start', 'shutdown done', 'quitAndInstall']);
  });

  it('installs nothing when the person says later', async () => {
    const steps: string[] = [];
    const { updater, download } = fakeUpdater({ isUpdateAvailable: true, updateInfo: { version: '2.0.0' } }, steps);
    createUpdateFlow({ updater, confirmInstall: async () => false, notify: async () => undefined, shutdownSupervisor: async () => void steps.push('shutdown'), log: () => undefined });
    download('2.0.0');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toEqual([]);
  });

  it('still installs when the graceful shutdown fails (the quit sequence killed it)', async () => {
    const steps: string[] = [];
    const { updater, download } = fakeUpdater(null, steps);
    createUpdateFlow({ updater, confirmInstall: async () => true, notify: async () => undefined, shutdownSupervisor: async () => { throw new Error('boom'); }, log: (m) => void steps.push(m) });
    download('3.0.0');
    await waitFor(() => steps.includes('quitAndInstall'), 2_000, 'install');
    expect(steps.at(-2)).toContain('boom');
  });

  it('reports manual checks to the person, silent checks only to the log', async () => {
    const told: string[] = [];
    const logged: string[] = [];
    const upToDate = createUpdateFlow({ updater: fakeUpdater({ isUpdateAvailable: false, updateInfo: { version: '1.0.0' } }, []).updater, confirmInstall: async () => true, notify: async (m) => void told.push(m), shutdownSupervisor: async () => undefined, log: (m) => void logged.push(m) });
    await upToDate.check(false);
    expect(told).toEqual([]);
    await upToDate.check(true);
    expect(told).toEqual(['You are running the latest version.']);
    const failing = createUpdateFlow({ updater: fakeUpdater(new Error('no feed'), []).updater, confirmInstall: async () => true, notify: async (m) => void told.push(m), shutdownSupervisor: async () => undefined, log: (m) => void logged.push(m) });
    await failing.check(true);
    expect(told.at(-1)).toBe('Could not check for updates: no feed');
    expect(logged.at(-1)).toBe('update check failed: no feed');
  });
});

describe('update flow with announcements', () => {
  it('announces a download instead of asking; the announcement’s install asks, then installs', async () => {
    const steps: string[] = [];
    const { updater, download } = fakeUpdater(null, steps);
    const flow = createUpdateFlow({
      updater,
      confirmInstall: async (version) => { steps.push(`ask ${version}`); return true; },
      announceReady: (version) => { steps.push(`announce ${version}`); return true; },
      notify: async () => undefined,
      shutdownSupervisor: async () => void steps.push('shutdown'),
      log: () => undefined,
    });
    download('2.1.0');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(steps).toEqual(['announce 2.1.0']);
    await flow.install('2.1.0');
    expect(steps).toEqual(['announce 2.1.0', 'ask 2.1.0', 'shutdown', 'quitAndInstall']);
  });

  it('asks at once when nothing could be announced', async () => {
    const steps: string[] = [];
    const { updater, download } = fakeUpdater(null, steps);
    createUpdateFlow({ updater, confirmInstall: async (v) => { steps.push(`ask ${v}`); return false; }, announceReady: () => false, notify: async () => undefined, shutdownSupervisor: async () => undefined, log: () => undefined });
    download('2.2.0');
    await waitFor(() => steps.includes('ask 2.2.0'), 2_000, 'the question');
    expect(steps).toEqual(['ask 2.2.0']);
  });
});
