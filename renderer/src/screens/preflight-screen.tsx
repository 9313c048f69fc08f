// Pre-flight: the supervisor's checks (manifest, binaries, ports, secrets, state dir), each
// problem with what to do about it.
import { useCallback, useEffect, useState } from 'react';
import type { PreflightProblem, ValidateResponse } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { hrefFor } from '../routing/hash-route.ts';
import { useClient } from '../state/runtime-context.ts';
import { ScreenHeading } from './screen-heading.tsx';

const CHECK_LABEL: Readonly<Record<PreflightProblem['check'], string>> = {
  manifest: 'Manifest',
  binary: 'Program',
  port: 'Port',
  secret: 'Secret',
  'state-dir': 'State directory',
};

type Result = { kind: 'loading' } | { kind: 'done'; reply: ValidateResponse; at: Date } | { kind: 'error'; message: string };

/** The pre-flight screen; runs the checks on open and on "Run again". */
export function PreflightScreen() {
  const client = useClient();
  const [result, setResult] = useState<Result>({ kind: 'loading' });
  const run = useCallback(() => {
    let cancelled = false;
    setResult({ kind: 'loading' });
    client.validate().then(
      (reply) => !cancelled && setResult({ kind: 'done', reply, at: new Date() }),
      (error: unknown) => !cancelled && setResult({ kind: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [client]);
  useEffect(run, [run]);

  return (
    <>
      <ScreenHeading title="Pre-flight checks" subtitle="Manifest, programs, ports, secrets and the state directory, checked by the supervisor.">
        <button type="button" className="button" onClick={run} disabled={result.kind === 'loading'}>
          {result.kind === 'loading' ? 'Checking…' : 'Run again'}
        </button>
      </ScreenHeading>
      <div aria-live="polite">
        {result.kind === 'loading' && <p className="muted">Running checks…</p>}
        {result.kind === 'error' && (
          <p className="notice notice--bad" role="alert">
            The checks could not run: {result.message}
          </p>
        )}
        {result.kind === 'done' && <Summary reply={result.reply} />}
      </div>
      {result.kind === 'done' && result.reply.problems.length > 0 && (
        <ul className="problems" aria-label="Problems found">
          {sortProblems(result.reply.problems).map((problem, index) => (
            <ProblemItem key={`${problem.check}-${problem.path ?? ''}-${index}`} problem={problem} />
          ))}
        </ul>
      )}
    </>
  );
}

function Summary({ reply }: { reply: ValidateResponse }) {
  const errors = reply.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = reply.problems.length - errors;
  if (reply.ok && reply.problems.length === 0) return <p className="notice notice--ok">All checks passed.</p>;
  const parts = [errors > 0 ? `${errors} ${errors === 1 ? 'error' : 'errors'}` : null, warnings > 0 ? `${warnings} ${warnings === 1 ? 'warning' : 'warnings'}` : null].filter((part) => part !== null);
  return <p className={`notice ${reply.ok ? 'notice--attention' : 'notice--bad'}`}>{reply.ok ? `Ready to run, with ${parts.join(' and ')}.` : `Found ${parts.join(' and ')}.`}</p>;
}

function ProblemItem({ problem }: { problem: PreflightProblem }) {
  return (
    <li className={`problem problem--${problem.severity}`}>
      <div className="problem__head">
        <span className={`badge badge--${problem.severity === 'error' ? 'bad' : 'attention'}`}>
          <span className="badge__dot" aria-hidden="true" />
          {problem.severity === 'error' ? 'Error' : 'Warning'}
        </span>
        <span className="problem__check">{CHECK_LABEL[problem.check]}</span>
        {problem.path !== null && <code className="problem__path">{problem.path}</code>}
      </div>
      <p className="problem__message">{problem.message}</p>
      <p className="problem__fix">
        <strong>Fix: </strong>
        {problem.fix}
      </p>
      {problem.check === 'secret' && (
        <p className="problem__fix">
          <a href={hrefFor({ name: 'secrets' })}>Enter it on the Secrets screen</a>
        </p>
      )}
    </li>
  );
}

/** Errors before warnings, otherwise in the supervisor's order. */
function sortProblems(problems: readonly PreflightProblem[]): PreflightProblem[] {
  return [...problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}
