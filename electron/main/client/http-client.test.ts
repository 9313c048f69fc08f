import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventSubscriber, RuntimeEvent } from '../../../supervisor/src/control/contract.ts';
import { fakeSupervisorCommand, killAll, makeTempDir, recordedPids, waitFor } from '../../test/helpers.ts';
import { spawnSupervisor, type SupervisorProcess } from '../supervision/spawn.ts';
import { createEventHub } from './event-hub.ts';
import { createHttpRuntimeClient } from './http-client.ts';

let proc: SupervisorProcess;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  const temp = await makeTempDir('client');
  const pidFile = path.join(temp.dir, 'pids');
  cleanup = async () => {
    killAll(await recordedPids(pidFile));
    await temp.remove();
  };
  proc = await spawnSupervisor({ ...fakeSupervisorCommand('ok', { FAKE_PID_FILE: pidFile }), handshakeTimeoutMs: 5_000 });
});
afterAll(async () => {
  proc.kill('SIGKILL');
  await cleanup();
});

describe('HTTP RuntimeClient against a live control API', () => {
  it('reads and validates /status with the bearer token', async () => {
    const status = await createHttpRuntimeClient(proc.connection).status();
    expect(status.supervisor.pid).toBe(proc.pid);
    expect(status.services.map((s) => s.name)).toEqual(['svc']);
  });

  it('turns error bodies into errors with the API code', async () => {
    await expect(createHttpRuntimeClient({ ...proc.connection, token: 'x'.repeat(64) }).status()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(createHttpRuntimeClient(proc.connection).serviceAction('nope', 'restart')).rejects.toMatchObject({ code: 'SERVICE_UNKNOWN' });
    await expect(createHttpRuntimeClient(proc.connection).validate()).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports a supervisor that is not there as UNREACHABLE', async () => {
    await expect(createHttpRuntimeClient({ url: 'http://127.0.0.1:1', token: 't' }).status()).rejects.toMatchObject({ code: 'UNREACHABLE' });
  });

  it('fans one /events subscription out to every listener', async () => {
    let subscriptions = 0;
    const client = createHttpRuntimeClient(proc.connection);
    const counting = { ...client, subscribe: (subscriber: EventSubscriber) => { subscriptions += 1; return client.subscribe(subscriber); } };
    const hub = createEventHub();
    const a: RuntimeEvent[] = [];
    const b: RuntimeEvent[] = [];
    hub.add({ onEvent: (e) => a.push(e) });
    hub.add({ onEvent: (e) => b.push(e) });
    hub.bind(counting);
    try {
      await waitFor(() => a.length >= 3 && b.length >= 3, 5_000, 'events');
      expect(subscriptions).toBe(1);
      expect(a[0]).toMatchObject({ type: 'supervisor', state: 'ready' });
      expect(b[0]).toEqual(a[0]);
    } finally {
      hub.dispose();
    }
  });

  it('tells onError when the stream drops and keeps retrying', async () => {
    const errors: Error[] = [];
    const unsubscribe = createHttpRuntimeClient({ url: 'http://127.0.0.1:1', token: 't' }).subscribe({ onEvent: () => undefined, onError: (error) => errors.push(error) });
    try {
      await waitFor(() => errors.length >= 2, 5_000, 'two errors');
      expect(errors[0]).toMatchObject({ code: 'UNREACHABLE' });
    } finally {
      unsubscribe();
    }
  });
});
