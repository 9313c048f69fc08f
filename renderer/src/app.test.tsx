// The dashboard as a whole, driven by an in-memory client: live start-up, the switch to the
// overview, and the connection screens (not reachable + Retry, token invalid, reconnect).
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ControlClientError, UNREACHABLE } from '../../supervisor/src/control/client/index.ts';
import { FakeRuntimeClient } from './test/fake-runtime-client.ts';
import { makeService, makeStatus } from './test/fixtures.ts';
import { disposeStores, renderApp } from './test/render-app.tsx';

afterEach(() => {
  cleanup();
  disposeStores();
});

function startingBundle(): FakeRuntimeClient {
  return new FakeRuntimeClient(
    makeStatus(
      [
        makeService('db', { state: 'starting', pid: 11, readyAt: null }),
        makeService('api', { state: 'pending', pid: null, uptimeMs: null, readyAt: null, startedAt: null, waitingOn: ['db'], dependsOn: { db: 'ready' } }),
      ],
      { supervisor: { ...makeStatus([]).supervisor, state: 'starting' } },
    ),
  );
}

function stepOf(name: string): HTMLElement {
  const step = document.querySelector<HTMLElement>(`.step[data-service="${name}"]`);
  if (step === null) throw new Error(`no step for ${name}`);
  return step;
}

describe('start-up', () => {
  it('shows each service live, what it waits on, then switches to the overview when ready', async () => {
    const client = startingBundle();
    renderApp(client);
    expect(await screen.findByRole('heading', { level: 1, name: 'Starting Notes' })).toBeTruthy();
    expect(within(stepOf('db')).getByText('Starting')).toBeTruthy();
    expect(within(stepOf('api')).getByText(/Waiting for/).textContent).toContain('db');

    client.emit({ type: 'state', service: 'db', from: 'starting', to: 'ready', at: '2026-11-25T10:00:01.000Z', reason: null, pid: 11 });
    await waitFor(() => expect(within(stepOf('db')).getByText('Ready')).toBeTruthy());

    client.emit({ type: 'state', service: 'api', from: 'pending', to: 'starting', at: '2026-11-25T10:00:01.100Z', reason: null, pid: 12 });
    await waitFor(() => expect(within(stepOf('api')).getByText('Starting')).toBeTruthy());
    expect(within(stepOf('api')).queryByText(/Waiting for/)).toBeNull();

    client.emit({ type: 'state', service: 'api', from: 'starting', to: 'ready', at: '2026-11-25T10:00:02.000Z', reason: null, pid: 12 });
    expect(await screen.findByRole('heading', { level: 1, name: 'Notes' })).toBeTruthy();
    const table = screen.getByRole('table');
    const apiRow = within(table).getByRole('row', { name: /api/ });
    expect(within(apiRow).getByText('Ready')).toBeTruthy();
    expect(within(apiRow).getByText('12')).toBeTruthy();
  });

  it('shows the failure reason and the last output lines of a failed service', async () => {
    const client = startingBundle();
    renderApp(client);
    await screen.findByRole('heading', { level: 1, name: 'Starting Notes' });
    client.setService(makeService('db', { state: 'failed', pid: null, reason: 'exited with code 1 during start', lastLines: ['Error: EADDRINUSE', 'at listen'] }));
    client.emit({ type: 'state', service: 'db', from: 'starting', to: 'failed', at: '2026-11-25T10:00:01.000Z', reason: 'exited with code 1 during start', pid: null });
    await waitFor(() => expect(within(stepOf('db')).getByText('Failed')).toBeTruthy());
    expect(within(stepOf('db')).getByText('exited with code 1 during start')).toBeTruthy();
    // The last lines come with the status refetch that follows the event.
    await waitFor(() => expect(within(stepOf('db')).getByText(/EADDRINUSE/)).toBeTruthy());
  });

  it('announces state changes to screen readers', async () => {
    const client = startingBundle();
    renderApp(client);
    await screen.findByRole('heading', { level: 1, name: 'Starting Notes' });
    client.emit({ type: 'state', service: 'db', from: 'starting', to: 'ready', at: '2026-11-25T10:00:01.000Z', reason: null, pid: 11 });
    await waitFor(() => expect(screen.getByRole('status', { name: '' }).textContent).toBe('db is ready.'), { timeout: 2000 });
  });
});

describe('overview', () => {
  it('shows state in words, pid, http ports as links, restarts, last exit and Open app', async () => {
    const client = new FakeRuntimeClient(
      makeStatus([
        makeService('api', { restarts: 2, lastExit: { code: 1, signal: null, at: '2026-11-25T09:59:00.000Z' } }),
        makeService('db', { ports: { pg: { port: 5432, protocol: 'tcp' } } }),
      ]),
    );
    renderApp(client, '#/overview');
    const apiRow = await screen.findByRole('row', { name: /api/ });
    expect(within(apiRow).getByText('Ready')).toBeTruthy();
    expect(within(apiRow).getByRole('link', { name: /http/ }).getAttribute('href')).toBe('http://127.0.0.1:47003/');
    expect(within(apiRow).getByText('exit 1')).toBeTruthy();
    expect(within(apiRow).getByText('2')).toBeTruthy();
    const dbRow = screen.getByRole('row', { name: /db/ });
    expect(within(dbRow).queryByRole('link', { name: /pg/ })).toBeNull();
    expect(within(dbRow).getByText(/5432/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open Notes' }).getAttribute('href')).toBe('http://127.0.0.1:47800/');
  });
});

describe('shut down', () => {
  it('asks first, shuts down, then says the supervisor is gone (not "unreachable")', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    renderApp(client, '#/overview');
    await userEvent.click(await screen.findByRole('button', { name: 'Shut down' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Shut down Notes?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Shut down' }));
    await waitFor(() => expect(client.calls).toContain('shutdown'));
    client.statusError = new ControlClientError(UNREACHABLE, 'gone');
    client.dropStream();
    expect(await screen.findByRole('heading', { name: 'The supervisor has shut down' })).toBeTruthy();
  });
});

describe('connection screens', () => {
  it('shows "not reachable" and recovers with Retry', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    client.statusError = new ControlClientError(UNREACHABLE, 'The supervisor is not reachable.');
    renderApp(client);
    expect(await screen.findByRole('heading', { name: 'The supervisor is not reachable' })).toBeTruthy();
    client.statusError = null;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Notes' })).toBeTruthy();
  });

  it('shows "token invalid" on a 401 and stops listening', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    client.statusError = new ControlClientError('UNAUTHORIZED', 'missing or invalid token', { status: 401 });
    renderApp(client);
    expect(await screen.findByRole('heading', { name: 'This login is not valid' })).toBeTruthy();
    expect(screen.getByText(/berth run --dashboard/)).toBeTruthy();
    expect(client.subscriberCount).toBe(0);
  });

  it('refetches the status when the stream drops and comes back', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    renderApp(client, '#/overview');
    await screen.findByRole('row', { name: /api/ });
    // While the stream is down the service was restarted; the event was missed.
    client.setService(makeService('api', { pid: 999, restarts: 1 }));
    client.dropStream();
    await waitFor(() => expect(within(screen.getByRole('row', { name: /api/ })).getByText('999')).toBeTruthy());
  });

  it('refetches the status on a resync (events were lost while the stream stayed up)', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    renderApp(client, '#/overview');
    await screen.findByRole('row', { name: /api/ });
    client.setService(makeService('api', { pid: 777, restarts: 1 }));
    const statusCalls = client.calls.filter((call) => call === 'status').length;
    client.resync();
    await waitFor(() => expect(within(screen.getByRole('row', { name: /api/ })).getByText('777')).toBeTruthy());
    expect(client.calls.filter((call) => call === 'status').length).toBe(statusCalls + 1);
  });
});
