// The dashboard's root: picks the screen from the connection state and the hash route.
import { AppShell } from './components/app-shell.tsx';
import { useHashRoute } from './routing/use-hash-route.ts';
import { LoadingScreen, ShutDownScreen, TokenInvalidScreen, UnreachableScreen } from './screens/connection-screens.tsx';
import { NotFoundScreen } from './screens/not-found-screen.tsx';
import { OverviewScreen } from './screens/overview-screen.tsx';
import { PreflightScreen } from './screens/preflight-screen.tsx';
import { SecretsScreen } from './screens/secrets-screen.tsx';
import { ServiceScreen } from './screens/service-screen.tsx';
import { StartupScreen } from './screens/startup-screen.tsx';
import { UpdatesScreen } from './screens/updates-screen.tsx';
import { useRuntime, useStore } from './state/runtime-context.ts';
import type { RuntimeSnapshot } from './state/runtime-store.ts';
import type { Route } from './routing/hash-route.ts';

/** Props: whether the page runs inside the desktop shell (changes the login help). */
export interface AppProps {
  desktop: boolean;
}

/** Everything the user sees. */
export function App({ desktop }: AppProps) {
  const store = useStore();
  const snapshot = useRuntime();
  const route = useHashRoute();
  if (snapshot.shutdownRequested && (snapshot.connection === 'unreachable' || snapshot.connection === 'reconnecting')) return <ShutDownScreen />;
  if (snapshot.connection === 'unauthorized') return <TokenInvalidScreen desktop={desktop} />;
  if (snapshot.connection === 'unreachable' || (snapshot.status === null && snapshot.error !== null)) {
    return <UnreachableScreen error={snapshot.error} onRetry={() => store.retry()} retrying={snapshot.connection === 'connecting'} />;
  }
  if (snapshot.status === null) return <LoadingScreen />;
  return (
    <AppShell status={snapshot.status} connection={snapshot.connection} route={route}>
      <RouteScreen route={route} snapshot={snapshot} desktop={desktop} />
    </AppShell>
  );
}

function RouteScreen({ route, snapshot, desktop }: { route: Route; snapshot: RuntimeSnapshot; desktop: boolean }) {
  const status = snapshot.status;
  if (status === null) return null;
  switch (route.name) {
    case 'home':
      return snapshot.reachedReady ? <OverviewScreen status={status} processStartMs={snapshot.processStartMs} canShutDown={!desktop} /> : <StartupScreen status={status} />;
    case 'overview':
      return <OverviewScreen status={status} processStartMs={snapshot.processStartMs} canShutDown={!desktop} />;
    case 'startup':
      return <StartupScreen status={status} />;
    case 'service':
      return <ServiceScreen key={route.service} status={status} name={route.service} processStartMs={snapshot.processStartMs} />;
    case 'secrets':
      return <SecretsScreen status={status} />;
    case 'preflight':
      return <PreflightScreen />;
    case 'updates':
      return <UpdatesScreen status={status} />;
    case 'not-found':
      return <NotFoundScreen hash={route.hash} />;
  }
}
