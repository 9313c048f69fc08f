import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatusResponse } from '../../../supervisor/src/control/contract.ts';
import { createFakeElectron } from '../../test/fake-electron.ts';
import { createTrayController } from './controller.ts';

const statusIn = (state: StatusResponse['supervisor']['state']) =>
  ({ supervisor: { state }, uiUrl: null, services: [] }) as unknown as StatusResponse;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('tray controller', () => {
  it('rebuilds once per burst of events (debounced), following the overall state', async () => {
    const fake = createFakeElectron({ userData: '/u' });
    let state: StatusResponse['supervisor']['state'] = 'starting';
    const fetchStatus = vi.fn(async () => statusIn(state));
    const tray = createTrayController({ electron: fake.api, appName: 'Notes', iconDir: '/i', fetchStatus, onAction: () => undefined, debounceMs: 250 });
    expect(fake.tray.images).toEqual(['/i/tray-starting.png']);
    state = 'ready';
    for (let i = 0; i < 20; i++) tray.refresh();
    await vi.advanceTimersByTimeAsync(249);
    expect(fetchStatus).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(fetchStatus).toHaveBeenCalledTimes(1);
    expect(fake.tray.tooltips).toEqual(['Notes — ready']);
    expect(fake.tray.images.at(-1)).toBe('/i/tray-ready.png');
    state = 'degraded';
    tray.refresh();
    await vi.advanceTimersByTimeAsync(250);
    expect(fetchStatus).toHaveBeenCalledTimes(2);
    expect(fake.tray.images.at(-1)).toBe('/i/tray-degraded.png');
    tray.dispose();
    tray.refresh();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fetchStatus).toHaveBeenCalledTimes(2);
    expect(fake.tray.destroyed).toBe(true);
  });

  it('shows a problem without asking the supervisor, and a dead supervisor as starting', async () => {
    const fake = createFakeElectron({ userData: '/u' });
    const fetchStatus = vi.fn(async (): Promise<StatusResponse | null> => { throw new Error('down'); });
    const tray = createTrayController({ electron: fake.api, appName: 'Notes', iconDir: '/i', fetchStatus, onAction: () => undefined });
    await tray.rebuildNow();
    expect(fake.tray.tooltips.at(-1)).toBe('Notes — starting');
    await tray.setProblem('crash loop');
    expect(fetchStatus).toHaveBeenCalledTimes(1);
    expect(fake.tray.images.at(-1)).toBe('/i/tray-failed.png');
    expect(fake.tray.tooltips.at(-1)).toBe('Notes — failed');
  });

  it('uses template images on macOS', () => {
    const fake = createFakeElectron({ userData: '/u' });
    createTrayController({ electron: { ...fake.api, platform: 'darwin' }, appName: 'N', iconDir: '/i', fetchStatus: async () => null, onAction: () => undefined });
    expect(fake.tray.images).toEqual(['/i/tray-startingTemplate.png']);
  });
});
