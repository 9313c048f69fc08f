// The run records of a service (newest first): when each run started and ended, how it ended,
// and why. Reloaded when the service's process changes.
import { useEffect, useState } from 'react';
import type { RunRecord } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { durationBetween, formatDateTime, formatDuration, formatExit, isFailedExit } from '../format/format.ts';
import { useClient } from '../state/runtime-context.ts';

const SHOWN_RUNS = 50;

/** Table of the service's runs; `reloadKey` changes (pid, state) trigger a reload. */
export function RunHistory({ service, reloadKey }: { service: string; reloadKey: string }) {
  const client = useClient();
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    client.runs(service).then(
      (reply) => {
        if (cancelled) return;
        setRuns(reply.runs.slice(0, SHOWN_RUNS));
        setError(null);
      },
      (caught: unknown) => {
        if (!cancelled) setError(messageOf(caught));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [client, service, reloadKey]);

  return (
    <section className="panel" aria-labelledby="runs-title">
      <div className="panel__header">
        <h2 id="runs-title" className="panel__title">
          Run history
        </h2>
      </div>
      {error !== null && <p className="notice notice--bad">Could not load the run history: {error}</p>}
      {runs === null && error === null && <p className="panel__empty muted">Loading…</p>}
      {runs !== null && runs.length === 0 && <p className="panel__empty muted">No runs recorded yet.</p>}
      {runs !== null && runs.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col">PID</th>
                <th scope="col">Result</th>
                <th scope="col">Reason</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <RunRow key={run.runId} run={run} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RunRow({ run }: { run: RunRecord }) {
  const exit = { code: run.exitCode, signal: run.signal };
  const result = run.status === 'running' ? 'running' : run.status === 'reaped' ? `reaped (${formatExit(exit)})` : formatExit(exit);
  const failed = run.status !== 'running' && isFailedExit(exit);
  return (
    <tr>
      <td>
        <time dateTime={run.startedAt}>{formatDateTime(run.startedAt)}</time>
        {run.restartCount > 0 && <span className="muted"> · restart {run.restartCount}</span>}
      </td>
      <td>{run.endedAt === null ? formatDuration(Date.now() - Date.parse(run.startedAt)) : formatDuration(durationBetween(run.startedAt, run.endedAt))}</td>
      <td className="num">{run.pid ?? '—'}</td>
      <td>
        <span className={failed ? 'text-bad' : run.status === 'running' ? 'text-ok' : undefined}>{result}</span>
      </td>
      <td className="wrap">{run.reason ?? <span className="muted">—</span>}</td>
    </tr>
  );
}
