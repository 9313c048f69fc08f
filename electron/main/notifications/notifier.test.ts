import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RuntimeEvent } from '../../../supervisor/src/control/contract.ts';
import { createFakeElectron } from '../../test/fake-electron.ts';
import type { NotifyAction } from './model.ts';
import { createNotifier } from './notifier.ts';

const failed = (service: string): RuntimeEvent => ({ type: 'state', service, from: 'backoff', to: 'failed', at: '', reason: `${service} gave up`, pid: null });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('notifier', () => {
  it('shows one notification per burst of failures; a click reports its action', async () => {
    const fake = createFakeElectron({ userData: '/u' });
    const actions: NotifyAction[] = [];
    const notifier = createNotifier({ electron: fake.api, appName: 'Notes', onAction: (a) => actions.push(a), batchMs: 1_000 });
    notifier.onEvent(failed('api'));
    notifier.onEvent({ type: 'log', service: 'api', stream: 'stderr', line: 'boom', at: '' });
    await vi.advanceTimersByTimeAsync(999);
    expect(fake.notifications).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.notifications.map((n) => [n.title, n.body])).toEqual([['Notes: api failed', 'api gave up']]);
    fake.notifications[0]?.click();
    expect(actions).toEqual([{ kind: 'open-service', service: 'api' }]);

    notifier.onEvent(failed('db'));
    notifier.onEvent(failed('api'));
    notifier.onEvent(failed('db'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(fake.notifications.at(-1)?.title).toBe('Notes: 2 services failed');
    expect(fake.notifications).toHaveLength(2);
  });

  it('says false where notifications are not supported, and nothing after dispose', async () => {
    const unsupported = createNotifier({ electron: createFakeElectron({ userData: '/u', notificationsSupported: false }).api, appName: 'N', onAction: () => undefined });
    expect(unsupported.notify({ kind: 'update-ready', source: 'app', version: '2' })).toBe(false);
    const fake = createFakeElectron({ userData: '/u' });
    const notifier = createNotifier({ electron: fake.api, appName: 'N', onAction: () => undefined });
    expect(notifier.notify({ kind: 'update-ready', source: 'bundle', version: '2' })).toBe(true);
    notifier.onEvent(failed('api'));
    notifier.dispose();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(notifier.notify({ kind: 'supervisor-failed', message: 'x' })).toBe(false);
    expect(fake.notifications.map((n) => n.title)).toEqual(['N 2 is ready']);
  });
});
