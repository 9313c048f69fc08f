// The service screen against an in-memory client: Stop asks to confirm, Restart acts at once,
// and the live log view (stderr marked, filter, pause/follow) and run history.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeRuntimeClient } from '../test/fake-runtime-client.ts';
import { makeLine, makeRun, makeService, makeStatus } from '../test/fixtures.ts';
import { disposeStores, renderApp } from '../test/render-app.tsx';

afterEach(() => {
  cleanup();
  disposeStores();
});

function apiClient(): FakeRuntimeClient {
  const client = new FakeRuntimeClient(makeStatus([makeService('db'), makeService('api', { dependsOn: { db: 'ready' } })]));
  client.logs = [makeLine('api', 'listening on 47003'), makeLine('api', 'warning: slow query', 'stderr'), makeLine('db', 'db line')];
  client.runsByService.api = [makeRun('api', 'r2', { status: 'running', endedAt: null, exitCode: null, pid: 1003 }), makeRun('api', 'r1', { exitCode: 1, reason: 'crashed' })];
  return client;
}

function logRows(): HTMLElement[] {
  return [...screen.getByRole('log', { name: 'Log lines of api' }).querySelectorAll<HTMLElement>('.log__row')];
}

describe('service actions', () => {
  it('asks before stopping, and Cancel does nothing', async () => {
    const client = apiClient();
    renderApp(client, '#/services/api');
    await userEvent.click(await screen.findByRole('button', { name: 'Stop' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Stop api?' });
    expect(dialog.textContent).toContain('stays stopped');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(client.actions).toEqual([]);

    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(client.actions).toEqual([]);
  });

  it('stops after confirmation and shows the new state', async () => {
    const client = apiClient();
    renderApp(client, '#/services/api');
    await userEvent.click(await screen.findByRole('button', { name: 'Stop' }));
    await userEvent.click(screen.getByRole('button', { name: 'Stop api' }));
    expect(client.actions).toEqual([{ service: 'api', action: 'stop' }]);
    await waitFor(() => expect(screen.getByRole('heading', { level: 1, name: 'api' }).parentElement?.parentElement?.textContent).toContain('Stopping'));
  });

  it('restarts without asking and shows an action error', async () => {
    const client = apiClient();
    renderApp(client, '#/services/api');
    await userEvent.click(await screen.findByRole('button', { name: 'Restart' }));
    expect(client.actions).toEqual([{ service: 'api', action: 'restart' }]);
    client.actionError = Object.assign(new Error('api is draining'), { code: 'TRANSITION_INVALID' });
    await waitFor(() => expect((screen.getByRole('button', { name: 'Restart' }) as HTMLButtonElement).disabled).toBe(false));
    await userEvent.click(screen.getByRole('button', { name: 'Restart' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Restart failed: api is draining');
  });
});

describe('logs', () => {
  it('shows the tail and live lines, with stderr marked', async () => {
    const client = apiClient();
    renderApp(client, '#/services/api');
    await waitFor(() => expect(logRows()).toHaveLength(2));
    expect(logRows()[1]?.classList.contains('log__row--stderr')).toBe(true);
    expect(logRows()[1]?.textContent).toContain('err');
    client.emit({ type: 'log', ...makeLine('api', 'GET /notes 200', 'stdout', '2026-11-25T10:00:03.000Z') });
    client.emit({ type: 'log', ...makeLine('db', 'not for api', 'stdout', '2026-11-25T10:00:03.000Z') });
    await waitFor(() => expect(logRows()).toHaveLength(3));
    expect(logRows()[2]?.textContent).toContain('GET /notes 200');
  });

  it('filters by text and by stream', async () => {
    const client = apiClient();
    renderApp(client, '#/services/api');
    await waitFor(() => expect(logRows()).toHaveLength(2));
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter lines' }), 'SLOW');
    await waitFor(() => expect(logRows()).toHaveLength(1));
    expect(logRows()[0]?.querySelector('mark')?.textContent).toBe('slow');
    expect(screen.getByText(/1 of 2 lines/)).toBeTruthy();
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Filter lines' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Stream' }), 'stdout');
    await waitFor(() => expect(logRows()).toHaveLength(1));
    expect(logRows()[0]?.textContent).toContain('listening');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter lines' }), 'nothing-like-this');
    expect(await screen.findByText('No lines match the filter.')).toBeTruthy();
  });

  it('pause freezes the list and counts new lines; follow shows them', async () => {
    const client = apiClient();
    renderApp(client, '#/services/api');
    await waitFor(() => expect(logRows()).toHaveLength(2));
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));
    client.emit({ type: 'log', ...makeLine('api', 'line while paused', 'stdout', '2026-11-25T10:00:04.000Z') });
    const resume = await screen.findByRole('button', { name: /1 new line/ });
    expect(logRows()).toHaveLength(2);
    await userEvent.click(resume);
    await waitFor(() => expect(logRows()).toHaveLength(3));
    expect(screen.getByRole('button', { name: 'Pause' })).toBeTruthy();
  });
});

describe('run history', () => {
  it('lists runs newest first with their result', async () => {
    renderApp(apiClient(), '#/services/api');
    const table = await screen.findByRole('table');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    const rows = within(table).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('running');
    expect(rows[2]?.textContent).toContain('exit 1');
    expect(rows[2]?.textContent).toContain('crashed');
  });

  it('says so for an unknown service', async () => {
    renderApp(apiClient(), '#/services/nope');
    expect(await screen.findByRole('heading', { name: 'Unknown service' })).toBeTruthy();
  });
});

describe('overview filter', () => {
  it('filters a long service list by name and by state group', async () => {
    const services = Array.from({ length: 12 }, (_, index) => makeService(`svc-${index}`, index === 3 ? { state: 'failed', pid: null } : {}));
    const client = new FakeRuntimeClient(makeStatus(services));
    renderApp(client, '#/overview');
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(13);
    await userEvent.type(screen.getByRole('searchbox', { name: 'Filter services' }), 'svc-1');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    await userEvent.clear(screen.getByRole('searchbox', { name: 'Filter services' }));
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Show' }), 'attention');
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(within(table).getByText('svc-3')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Services.*1 of 12/ })).toBeTruthy();
  });
});
