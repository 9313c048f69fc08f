// Secrets: one password field per secret that a waiting service still needs. Values go straight
// from the form to submitSecrets and the form is cleared; the renderer never keeps or shows them.
import { useId, useRef, useState, type FormEvent } from 'react';
import type { StatusResponse } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { hrefFor } from '../routing/hash-route.ts';
import { useStore } from '../state/runtime-context.ts';
import { ScreenHeading } from './screen-heading.tsx';

/** Missing secret names with their prompt label, each with the services that wait for it (sorted by name). */
export function missingSecrets(status: StatusResponse): { name: string; label: string | null; services: string[] }[] {
  const needed = new Map<string, string[]>();
  for (const service of status.services) {
    for (const secret of service.missingSecrets) needed.set(secret, [...(needed.get(secret) ?? []), service.name]);
  }
  const labels = new Map((status.secrets ?? []).map((secret) => [secret.name, secret.prompt]));
  return [...needed].sort(([a], [b]) => a.localeCompare(b)).map(([name, services]) => ({ name, label: labels.get(name) ?? null, services }));
}

type Outcome = { kind: 'ok'; accepted: string[] } | { kind: 'error'; message: string } | null;

/** The secrets form. */
export function SecretsScreen({ status }: { status: StatusResponse }) {
  const store = useStore();
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useId();
  const [submitting, setSubmitting] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const secrets = missingSecrets(status);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === 'string' && value !== '') values[name] = value;
    if (Object.keys(values).length === 0) {
      setOutcome({ kind: 'error', message: 'Type at least one secret first.' });
      return;
    }
    setSubmitting(true);
    setOutcome(null);
    try {
      const reply = await store.client.submitSecrets(values);
      formRef.current?.reset();
      setOutcome({ kind: 'ok', accepted: reply.accepted });
      store.scheduleRefresh();
    } catch (error) {
      setOutcome({ kind: 'error', message: messageOf(error) });
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <ScreenHeading title="Secrets" subtitle="Values are sent to the supervisor once and never shown again. The dashboard does not store them." />
      <div aria-live="polite" className="outcome">
        {outcome?.kind === 'ok' && (
          <p className="notice notice--ok">
            Saved {outcome.accepted.length === 1 ? 'secret' : 'secrets'} {outcome.accepted.join(', ')}. Waiting services continue on their own.
          </p>
        )}
        {outcome?.kind === 'error' && (
          <p className="notice notice--bad" role="alert">
            {outcome.message}
          </p>
        )}
      </div>
      {secrets.length === 0 ? (
        <div className="panel panel--empty">
          <p>No service is waiting for a secret right now.</p>
          <p>
            <a href={hrefFor({ name: 'overview' })}>Back to the overview</a>
          </p>
        </div>
      ) : (
        <form ref={formRef} className="panel form" onSubmit={(event) => void onSubmit(event)} autoComplete="off" aria-label="Secrets to provide">
          {secrets.map(({ name, label, services }) => (
            <div className="field" key={name}>
              <label htmlFor={`${idPrefix}-${name}`} className="field__label">
                {label === null ? <code>{name}</code> : <>{label} <code>{name}</code></>}
              </label>
              <input
                id={`${idPrefix}-${name}`}
                className="input"
                name={name}
                type="password"
                autoComplete="new-password"
                spellCheck={false}
                aria-describedby={`${idPrefix}-${name}-hint`}
              />
              <p id={`${idPrefix}-${name}-hint`} className="field__hint muted">
                Needed by {services.join(', ')}
              </p>
            </div>
          ))}
          <div className="form__actions">
            <button type="submit" className="button button--primary" disabled={submitting}>
              {submitting ? 'Saving…' : secrets.length === 1 ? 'Save secret' : 'Save secrets'}
            </button>
          </div>
        </form>
      )}
    </>
  );
}
