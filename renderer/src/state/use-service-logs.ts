// Live log lines of one service: the recent tail, then every line from the event stream,
// published at most every FLUSH_MS so a chatty service costs a few renders a second.
import { useEffect, useState } from 'react';
import type { LogLine } from '../../../supervisor/src/control/contract.ts';
import { messageOf } from '../../../supervisor/src/control/client/index.ts';
import { LogBuffer, mergeTail, type LogEntry } from './log-buffer.ts';
import { useStore } from './runtime-context.ts';

const FLUSH_MS = 100;
/** Lines asked of /logs/tail when a log view opens. */
export const TAIL_LINES = 1_000;

/** What a log view renders. */
export interface ServiceLogs {
  lines: readonly LogEntry[];
  loading: boolean;
  error: string | null;
}

/** Tails and follows the logs of `service` while mounted. */
export function useServiceLogs(service: string, cap?: number): ServiceLogs {
  const store = useStore();
  const [logs, setLogs] = useState<ServiceLogs>({ lines: [], loading: true, error: null });

  useEffect(() => {
    const buffer = new LogBuffer(cap);
    let live: LogLine[] | null = [];
    let cancelled = false;
    setLogs({ lines: [], loading: true, error: null });
    const publish = (patch: Partial<ServiceLogs> = {}) => {
      buffer.flush();
      setLogs((previous) => ({ ...previous, ...patch, lines: buffer.lines }));
    };
    const stopLive = store.onLog(service, (event) => {
      if (live !== null) live.push(event);
      else buffer.append([event]);
    });
    const timer = setInterval(() => {
      if (live === null && buffer.flush()) setLogs((previous) => ({ ...previous, lines: buffer.lines }));
    }, FLUSH_MS);
    store.client.tailLogs(service, TAIL_LINES).then(
      (reply) => {
        if (cancelled) return;
        buffer.append(mergeTail(reply.lines, live ?? []));
        live = null;
        publish({ loading: false, error: null });
      },
      (error: unknown) => {
        if (cancelled) return;
        buffer.append(live ?? []);
        live = null;
        publish({ loading: false, error: messageOf(error) });
      },
    );
    return () => {
      cancelled = true;
      stopLive();
      clearInterval(timer);
    };
  }, [store, service, cap]);

  return logs;
}
