// Pre-flight: every problem with its fix, errors first; "all passed" when clean.
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeRuntimeClient } from '../test/fake-runtime-client.ts';
import { makeService, makeStatus } from '../test/fixtures.ts';
import { disposeStores, renderApp } from '../test/render-app.tsx';

afterEach(() => {
  cleanup();
  disposeStores();
});

describe('pre-flight', () => {
  it('lists problems, errors first, each with its fix', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    client.validateReply = {
      ok: false,
      problems: [
        { check: 'secret', severity: 'warning', path: 'secrets.OPENAI_API_KEY', message: 'OPENAI_API_KEY is not set', fix: 'Enter it on the Secrets screen.' },
        { check: 'port', severity: 'error', path: 'services.ui.ports.http', message: 'Port 47800 is in use by pid 77', fix: 'Stop the other program or change ports.http.fixed.' },
      ],
    };
    renderApp(client, '#/preflight');
    const list = await screen.findByRole('list', { name: 'Problems found' });
    const items = within(list).getAllByRole('listitem');
    expect(items[0]?.textContent).toContain('Port 47800 is in use');
    expect(items[0]?.textContent).toContain('Fix: Stop the other program');
    expect(items[1]?.textContent).toContain('Warning');
    expect(screen.getByText('Found 1 error and 1 warning.')).toBeTruthy();
  });

  it('says all checks passed, and runs again on request', async () => {
    const client = new FakeRuntimeClient(makeStatus([makeService('api')]));
    renderApp(client, '#/preflight');
    expect(await screen.findByText('All checks passed.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Run again' }));
    expect(await screen.findByText('All checks passed.')).toBeTruthy();
    expect(client.calls.filter((call) => call === 'validate')).toHaveLength(2);
  });
});
