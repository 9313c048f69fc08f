// Full-page screens for when the dashboard cannot show the supervisor: not reachable (with
// Retry; it also keeps retrying by itself), the login refused, and the first load.
import { useEffect, useRef, type ReactNode } from 'react';
import { BrandMark } from '../components/app-shell.tsx';
import { shouldFocusHeading } from './focus-policy.ts';

/** "Supervisor not reachable", with the last error and a Retry button. */
export function UnreachableScreen({ error, onRetry, retrying }: { error: string | null; onRetry: () => void; retrying: boolean }) {
  return (
    <Splash title="The supervisor is not reachable" tone="bad">
      <p>The dashboard cannot reach the Berth supervisor. It may have stopped, or be restarting.</p>
      {error !== null && <p className="splash__detail">{error}</p>}
      <p className="muted">It keeps trying in the background; you can also try now.</p>
      <div className="splash__actions">
        <button type="button" className="button button--primary" onClick={onRetry} disabled={retrying}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      </div>
    </Splash>
  );
}

/** After "Shut down": the supervisor stopped every service and exited, as asked. */
export function ShutDownScreen() {
  return (
    <Splash title="The supervisor has shut down" tone="progress">
      <p>Every service was stopped and the supervisor exited, as requested.</p>
      <p className="muted">
        Start it again with <code>berth run --dashboard</code>; it prints a new login link.
      </p>
    </Splash>
  );
}

/** The cookie or token was refused (HTTP 401). */
export function TokenInvalidScreen({ desktop }: { desktop: boolean }) {
  return (
    <Splash title="This login is not valid" tone="attention">
      {desktop ? (
        <p>The app could not authenticate with its supervisor. Quit and start the app again.</p>
      ) : (
        <>
          <p>The dashboard refused this session: the login link was already used, has expired, or belongs to a supervisor that has since restarted.</p>
          <p>
            Open the link printed by <code>berth run --dashboard</code> in your terminal (it looks like <code>http://127.0.0.1:PORT/?token=…</code>). Each link works once, in one browser.
          </p>
        </>
      )}
    </Splash>
  );
}

/** Shown while the first status loads. */
export function LoadingScreen() {
  return (
    <Splash title="Connecting to the supervisor…" tone="progress">
      <p className="muted">Loading the status of your services.</p>
    </Splash>
  );
}

function Splash({ title, tone, children }: { title: string; tone: 'bad' | 'attention' | 'progress'; children: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (shouldFocusHeading()) headingRef.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <main className="splash" id="main">
      <div className={`splash__card splash__card--${tone}`}>
        <div className="splash__brand">
          <BrandMark /> Berth
        </div>
        <h1 ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
    </main>
  );
}
