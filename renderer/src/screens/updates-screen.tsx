// Bundle versions and updates (DESIGN §10): which version runs, the installed ones (current,
// previous, known-good), the hand-off's state and, when one failed, why and where the data backup
// is; Check for updates (the supervisor asks the feed: the page never holds its credential), Apply,
// Roll back. Reloads when a hand-off event arrives.
import { useCallback, useEffect, useState } from 'react';
import type { StatusResponse, UpdatesResponse } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { useClient } from '../state/runtime-context.ts';
import { ScreenHeading } from './screen-heading.tsx';

const STATE_LABEL: Readonly<Record<UpdatesResponse['state'], { text: string; tone: string }>> = {
  idle: { text: 'Up to date', tone: 'ok' },
  deferred: { text: 'Waiting for tasks', tone: 'progress' },
  applying: { text: 'Applying', tone: 'progress' },
  failed: { text: 'Update failed', tone: 'bad' },
};

/** The updates screen; `status.handoff` changes (live events) reload it. */
export function UpdatesScreen({ status }: { status: StatusResponse }) {
  const client = useClient();
  const [reply, setReply] = useState<UpdatesResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const handoff = `${status.handoff?.state ?? ''}:${status.handoff?.target ?? ''}`;
  const load = useCallback(() => {
    client.updates().then(setReply, (caught: unknown) => setError(messageOf(caught)));
  }, [client]);
  useEffect(load, [load, handoff]);

  const act = async (kind: 'check' | 'apply', call: () => Promise<UpdatesResponse>) => {
    setBusy(kind);
    setError(null);
    try {
      setReply(await call());
    } catch (caught) {
      setError(messageOf(caught));
      load();
    } finally {
      setBusy(null);
    }
  };
  const apply = (version: string) => {
    setConfirming(null);
    void act('apply', () => client.applyUpdate(version));
  };

  if (reply === null) return <ScreenHeading title="Updates" subtitle={error ?? 'Loading…'} />;
  const state = STATE_LABEL[reply.state];
  const moving = reply.state === 'deferred' || reply.state === 'applying';
  return (
    <>
      <ScreenHeading title="Updates" subtitle={`Version ${reply.running} runs now.${reply.knownGood === null ? '' : ` Known-good: ${reply.knownGood}.`}`}>
        <span className={`badge badge--large badge--${state.tone}`}>
          <span className="badge__dot" aria-hidden="true" />
          {state.text}
          {moving && reply.target !== null ? ` ${reply.target}` : ''}
        </span>
        {reply.previous !== null && reply.previous !== reply.running && (
          <button type="button" className="button" disabled={busy !== null || moving} onClick={() => setConfirming(reply.previous)}>
            Roll back to {reply.previous}
          </button>
        )}
        {reply.feed && (
          <button type="button" className="button" disabled={busy !== null || moving} onClick={() => void act('check', () => client.checkUpdates())}>
            {busy === 'check' ? 'Checking…' : 'Check for updates'}
          </button>
        )}
      </ScreenHeading>
      <div aria-live="polite">
        {error !== null && (
          <p className="notice notice--bad" role="alert">
            {error}
          </p>
        )}
        {reply.state === 'failed' && (
          <p className="notice notice--bad">
            The update to {reply.target ?? '?'} failed: {reply.reason ?? 'no reason given'}
            {reply.backup !== null && reply.reason?.includes(reply.backup) !== true && (
              <>
                {' '}
                The data backup is in <code>{reply.backup}</code>.
              </>
            )}
          </p>
        )}
        {reply.lastError !== null && <p className="notice notice--attention">The last check failed: {reply.lastError}</p>}
        {reply.available !== null && !moving && (
          <p className="notice notice--ok">
            Version {reply.available} is downloaded and ready.{' '}
            <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => setConfirming(reply.available)}>
              Apply update to {reply.available}
            </button>
          </p>
        )}
        {moving && <p className="notice notice--attention">Handing off to {reply.target}: services stop and start again; starts and restarts wait until it is done.</p>}
      </div>
      {confirming !== null && (
        <ConfirmDialog title={`Switch to ${confirming}?`} confirmLabel={`Switch to ${confirming}`} onConfirm={() => apply(confirming)} onCancel={() => setConfirming(null)}>
          Every service stops, data/ is backed up, and {confirming} starts. If it is not all ready in time, {reply.running} comes back with its data.
        </ConfirmDialog>
      )}
      <VersionsTable reply={reply} disabled={busy !== null || moving} onUse={setConfirming} />
    </>
  );
}

function VersionsTable({ reply, disabled, onUse }: { reply: UpdatesResponse; disabled: boolean; onUse: (version: string) => void }) {
  if (reply.versions.length === 0) return <p className="muted">No versions are installed in this state directory: it runs a bundle as it is ({reply.running}).</p>;
  return (
    <div className="table-wrap">
      <table className="table" aria-label="Installed versions">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Marks</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...reply.versions].reverse().map((entry) => {
            const marks = [entry.version === reply.running ? 'running' : '', entry.current ? 'current' : '', entry.previous ? 'previous' : '', entry.knownGood ? 'known-good' : ''].filter(Boolean);
            return (
              <tr key={entry.version}>
                <th scope="row">{entry.version}</th>
                <td>{marks.join(', ') || '—'}</td>
                <td>
                  {entry.version !== reply.running && (
                    <button type="button" className="button button--small" disabled={disabled} onClick={() => onUse(entry.version)}>
                      Use {entry.version}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
