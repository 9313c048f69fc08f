// The Updates screen: versions with their marks, Check for updates and the downloaded version's
// Apply (after a confirmation), Roll back, a failed hand-off's reason and backup, a check that failed.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeRuntimeClient } from '../test/fake-runtime-client.ts';
import { makeService, makeStatus, makeUpdates } from '../test/fixtures.ts';
import { disposeStores, renderApp } from '../test/render-app.tsx';

afterEach(() => {
  cleanup();
  disposeStores();
});

describe('updates', () => {
  it('lists the installed versions with their marks, checks the feed, and applies the downloaded one after a confirmation', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    client.updatesReply = makeUpdates({ current: '2.0.0', previous: '1.0.0', knownGood: '2.0.0', feed: true }, ['1.0.0', '2.0.0']);
    renderApp(client, '#/updates');
    const table = await screen.findByRole('table', { name: 'Installed versions' });
    const rows = within(table).getAllByRole('row').slice(1).map((row) => row.textContent);
    expect(rows).toEqual(['2.0.0running, current, known-good', '1.0.0previousUse 1.0.0']);
    expect(screen.getByRole('button', { name: 'Roll back to 1.0.0' })).toBeTruthy();
    expect(screen.getByText('Version 2.0.0 runs now. Known-good: 2.0.0.')).toBeTruthy();

    client.updatesReply = { ...client.updatesReply, available: '3.0.0', checkedAt: '2026-12-07T00:00:00.000Z' };
    await userEvent.click(screen.getByRole('button', { name: 'Check for updates' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Apply update to 3.0.0' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Switch to 3.0.0?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Switch to 3.0.0' }));
    expect(client.calls).toContain('applyUpdate:3.0.0');
    expect(await screen.findByText(/Handing off to 3\.0\.0/)).toBeTruthy();
  });

  it('rolls back to the previous version, and shows why the last hand-off failed and where its backup is', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    client.updatesReply = makeUpdates({ current: '2.0.0', previous: '1.0.0', knownGood: '2.0.0', state: 'failed', target: '3.0.0', reason: 'migrate failed: task failed: exit code 1; rolled back to 2.0.0', backup: '/state/data.backup-2.0.0-x' }, ['1.0.0', '2.0.0', '3.0.0']);
    renderApp(client, '#/updates');
    expect(await screen.findByText(/The update to 3\.0\.0 failed: migrate failed/)).toBeTruthy();
    expect(screen.getByText('/state/data.backup-2.0.0-x')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Roll back to 1.0.0' }));
    await userEvent.keyboard('{Escape}');
    expect(client.calls.some((call) => call.startsWith('applyUpdate'))).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Roll back to 1.0.0' }));
    await userEvent.click(within(screen.getByRole('alertdialog', { name: 'Switch to 1.0.0?' })).getByRole('button', { name: 'Switch to 1.0.0' }));
    expect(client.calls).toContain('applyUpdate:1.0.0');
  });

  it('says when a check failed, and offers no check without a feed', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    client.updatesReply = makeUpdates({ feed: true });
    client.checkError = Object.assign(new Error('the update feed answered HTTP 401'), { code: 'FEED_FAILED' });
    renderApp(client, '#/updates');
    await userEvent.click(await screen.findByRole('button', { name: 'Check for updates' }));
    expect((await screen.findByRole('alert')).textContent).toBe('the update feed answered HTTP 401');
    client.updatesReply = makeUpdates({ feed: false });
    cleanup();
    renderApp(client, '#/updates');
    await screen.findByRole('table', { name: 'Installed versions' });
    expect(screen.queryByRole('button', { name: 'Check for updates' })).toBeNull();
  });
});
