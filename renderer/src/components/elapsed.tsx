// Small ticking text nodes, so a once-a-second clock re-renders them and not their screens.
import { formatDuration } from '../format/format.ts';
import { useNow } from './use-now.ts';

/** Time since `sinceMs` (local clock), e.g. `3m 12s`; `—` when null. */
export function Elapsed({ sinceMs }: { sinceMs: number | null }) {
  const now = useNow();
  return <>{formatDuration(sinceMs === null ? null : now - sinceMs)}</>;
}

/** Uptime of a service's current process: ticking from its local start, else the reported value. */
export function Uptime({ pid, startMs, uptimeMs }: { pid: number | null; startMs: number | null; uptimeMs: number | null }) {
  if (pid === null) return <>—</>;
  if (startMs === null) return <>{formatDuration(uptimeMs)}</>;
  return <Elapsed sinceMs={startMs} />;
}
