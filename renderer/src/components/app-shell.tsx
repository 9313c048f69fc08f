// The frame around every screen: skip link, banner with the app and its overall state,
// navigation, a reconnecting notice, the main landmark and the live announcer.
import { useEffect, type MouseEvent, type ReactNode } from 'react';
import type { StatusResponse } from '../../../supervisor/src/control/contract.ts';
import type { Route } from '../routing/hash-route.ts';
import type { Connection } from '../state/runtime-store.ts';
import { armHeadingFocus } from '../screens/focus-policy.ts';
import { Announcer } from './announcer.tsx';
import { OverallBadge } from './state-badge.tsx';

/** Props: the snapshot parts the frame shows, and the screen. */
export interface AppShellProps {
  status: StatusResponse;
  connection: Connection;
  route: Route;
  children: ReactNode;
}

/** Layout with landmarks shared by all connected screens. */
export function AppShell({ status, connection, route, children }: AppShellProps) {
  const missing = new Set(status.services.flatMap((service) => service.missingSecrets)).size;
  const current = (names: Route['name'][]) => (names.includes(route.name) ? 'page' : undefined);
  useEffect(armHeadingFocus, []);
  return (
    <div className="shell">
      <a className="skip-link" href="#main" onClick={focusMain}>
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__inner">
          <a className="brand" href="#/" aria-label={`${status.app.name}, overview`}>
            <BrandMark />
            <span className="brand__name">{status.app.name}</span>
            <span className="brand__version">v{status.app.version}</span>
          </a>
          <OverallBadge state={status.supervisor.state} />
          <nav className="nav" aria-label="Main">
            <a href="#/" aria-current={current(['home', 'overview', 'startup', 'service'])}>
              Overview
            </a>
            <a href="#/secrets" aria-current={current(['secrets'])}>
              Secrets
              {missing > 0 && (
                <span className="count" aria-label={`${missing} needed`}>
                  {missing}
                </span>
              )}
            </a>
            <a href="#/preflight" aria-current={current(['preflight'])}>
              Pre-flight
            </a>
            <a href="#/updates" aria-current={current(['updates'])}>
              Updates
              {status.handoff !== undefined && status.handoff.state !== 'idle' && (
                <span className="count" aria-label={status.handoff.state === 'failed' ? 'the last update failed' : 'an update is being applied'}>
                  !
                </span>
              )}
            </a>
          </nav>
        </div>
      </header>
      {connection === 'reconnecting' && (
        <div className="notice notice--attention" role="status">
          Connection to the supervisor lost — reconnecting…
        </div>
      )}
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer">
        Berth {status.supervisor.version} · supervisor pid {status.supervisor.pid} · {status.supervisor.profile}
      </footer>
      <Announcer />
    </div>
  );
}

function focusMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById('main')?.focus();
}

/** Berth's mark: a berth (a U) with a hull in it. */
export function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
      <path d="M3 5v9a4 4 0 0 0 4 4h10a4 4 0 0 0 4-4V5" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      <path d="M7 11h10l-1.6 3.2a1.5 1.5 0 0 1-1.3.8H9.9a1.5 1.5 0 0 1-1.3-.8Z" fill="currentColor" />
    </svg>
  );
}
