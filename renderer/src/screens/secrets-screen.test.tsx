// The secrets form: one password field per missing secret; submitting sends the values once
// and clears the fields; nothing is echoed back.
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeRuntimeClient } from '../test/fake-runtime-client.ts';
import { makeService, makeStatus } from '../test/fixtures.ts';
import { disposeStores, renderApp } from '../test/render-app.tsx';

afterEach(() => {
  cleanup();
  disposeStores();
});

function waitingClient(): FakeRuntimeClient {
  return new FakeRuntimeClient(
    makeStatus(
      [
        makeService('api', { state: 'waiting-secrets', pid: null, uptimeMs: null, missingSecrets: ['OPENAI_API_KEY', 'DB_TOKEN'] }),
        makeService('worker', { state: 'waiting-secrets', pid: null, uptimeMs: null, missingSecrets: ['OPENAI_API_KEY'] }),
      ],
      { supervisor: { ...makeStatus([]).supervisor, state: 'starting' } },
    ),
  );
}

describe('secrets', () => {
  it('offers a password field per missing secret, naming who needs it', async () => {
    renderApp(waitingClient(), '#/secrets');
    const openai = await screen.findByLabelText('OPENAI_API_KEY');
    expect(openai.getAttribute('type')).toBe('password');
    expect(screen.getByText('Needed by api, worker')).toBeTruthy();
    expect(screen.getByLabelText('DB_TOKEN').getAttribute('type')).toBe('password');
    expect(screen.getByRole('link', { name: /Secrets/ }).textContent).toContain('2');
  });

  it("labels a field with the bundle's prompt text when the supervisor gives it", async () => {
    const base = waitingClient();
    const status = await base.status();
    const client = new FakeRuntimeClient({
      ...status,
      secrets: [{ name: 'OPENAI_API_KEY', source: 'prompt', prompt: 'OpenAI API key', required: true, present: false }],
    });
    renderApp(client, '#/secrets');
    const field = await screen.findByLabelText('OpenAI API key OPENAI_API_KEY');
    expect(field.getAttribute('type')).toBe('password');
    expect(screen.getByLabelText('DB_TOKEN')).toBeTruthy();
  });

  it('submits the typed values, clears the fields and never shows a value', async () => {
    const client = waitingClient();
    renderApp(client, '#/secrets');
    await userEvent.type(await screen.findByLabelText('OPENAI_API_KEY'), 'sk-secret-value');
    await userEvent.click(screen.getByRole('button', { name: 'Save secrets' }));
    await waitFor(() => expect(client.secretsSubmitted).toEqual([{ OPENAI_API_KEY: 'sk-secret-value' }]));
    expect((await screen.findByText(/Saved secret OPENAI_API_KEY/)).textContent).not.toContain('sk-secret-value');
    expect((screen.getByLabelText('OPENAI_API_KEY') as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain('sk-secret-value');
  });

  it('refuses an empty submit, and says when nothing is needed', async () => {
    const client = waitingClient();
    renderApp(client, '#/secrets');
    await userEvent.click(await screen.findByRole('button', { name: 'Save secrets' }));
    expect((await screen.findByRole('alert')).textContent).toContain('at least one');
    expect(client.secretsSubmitted).toEqual([]);

    cleanup();
    disposeStores();
    renderApp(new FakeRuntimeClient(makeStatus([makeService('api')])), '#/secrets');
    expect(await screen.findByText('No service is waiting for a secret right now.')).toBeTruthy();
  });
});
