// Start / Restart / Stop on each overview row: the same rules and confirmation as the service
// page, the confirmation and errors in a row under the service's own, and all of it by keyboard.
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeRuntimeClient } from '../test/fake-runtime-client.ts';
import { makeService, makeStatus } from '../test/fixtures.ts';
import { disposeStores, renderApp } from '../test/render-app.tsx';

afterEach(() => {
  cleanup();
  disposeStores();
});

function bundle(): FakeRuntimeClient {
  return new FakeRuntimeClient(
    makeStatus([
      makeService('db'),
      makeService('api', { dependsOn: { db: 'ready' } }),
      makeService('worker', { state: 'stopped', pid: null, uptimeMs: null, reason: 'stopped by request' }),
    ]),
  );
}

const controls = (name: string) => screen.getByRole('group', { name: `Control ${name}` });
const button = (name: string, label: string) => within(controls(name)).getByRole<HTMLButtonElement>('button', { name: label });

describe('overview row actions', () => {
  it('offers what the state allows on every row', async () => {
    renderApp(bundle(), '#/overview');
    await screen.findByRole('group', { name: 'Control db' });
    expect(['Start', 'Restart', 'Stop'].map((label) => button('api', label).disabled)).toEqual([true, false, false]);
    expect(['Start', 'Restart', 'Stop'].map((label) => button('worker', label).disabled)).toEqual([false, false, true]);
  });

  it('restarts and starts from the row, by keyboard, and shows the new state at once', async () => {
    const client = bundle();
    renderApp(client, '#/overview');
    await screen.findByRole('group', { name: 'Control api' });
    button('api', 'Restart').focus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(client.actions).toEqual([{ service: 'api', action: 'restart' }]));
    await waitFor(() => expect(within(screen.getByRole('row', { name: /^api/ })).getByText('Starting')).toBeTruthy());
    button('worker', 'Start').focus();
    await userEvent.keyboard(' ');
    await waitFor(() => expect(client.actions.at(-1)).toEqual({ service: 'worker', action: 'start' }));
  });

  it('asks before stopping, naming dependents; Escape cancels and gives focus back to Stop', async () => {
    const client = bundle();
    renderApp(client, '#/overview');
    await screen.findByRole('group', { name: 'Control db' });
    await userEvent.click(button('db', 'Stop'));
    const dialog = screen.getByRole('alertdialog', { name: 'Stop db?' });
    expect(dialog.textContent).toContain('(api)');
    // The confirmation sits in its own row right under db's.
    const rows = screen.getAllByRole('row');
    expect(rows.indexOf(dialog.closest('tr') as HTMLTableRowElement)).toBe(rows.indexOf(screen.getByRole('row', { name: /^db/ })) + 1);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(button('db', 'Stop'));
    expect(client.actions).toEqual([]);

    await userEvent.keyboard('{Enter}');
    await userEvent.click(within(screen.getByRole('alertdialog', { name: 'Stop db?' })).getByRole('button', { name: 'Stop db' }));
    await waitFor(() => expect(client.actions).toEqual([{ service: 'db', action: 'stop' }]));
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('shows a failed action under its row', async () => {
    const client = bundle();
    client.actionError = Object.assign(new Error('api is draining'), { code: 'DRAINING' });
    renderApp(client, '#/overview');
    await screen.findByRole('group', { name: 'Control api' });
    await userEvent.click(button('api', 'Restart'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Restart failed: api is draining');
    expect(alert.closest('tr')?.getAttribute('data-detail-of')).toBe('api');
  });
});
