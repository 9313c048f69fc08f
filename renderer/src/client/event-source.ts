// Subscribes to /events with a plain EventSource (the auth cookie rides along on the same
// origin). The browser retries a dropped stream by itself, sending Last-Event-ID; when it gives
// up (a non-200 reply closes the source for good) we open a new one after a growing delay,
// resuming from the last id seen. A `resync` event (events were lost) is passed on to onError
// as a RESYNC ClientError so the store refetches /status.
import { RuntimeEvent, SSE_RESYNC_EVENT, type Unsubscribe } from '../../../supervisor/src/control/contract.ts';
import { ClientError, RESYNC, UNREACHABLE } from './client-error.ts';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
// EventSource.CLOSED, spelled out so this module loads where EventSource is not defined (tests).
const CLOSED = 2;

/** Keeps an EventSource open until unsubscribed, parsing each message as a RuntimeEvent. */
export function subscribeEventSource(
  open: (lastEventId: string | null) => EventSource,
  onEvent: (event: RuntimeEvent) => void,
  onError?: (error: Error) => void,
): Unsubscribe {
  let source: EventSource | null = null;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let retryMs = RETRY_MIN_MS;
  let closed = false;
  let lastEventId: string | null = null;

  const connect = () => {
    retryTimer = null;
    if (closed) return;
    let current: EventSource;
    try {
      current = open(lastEventId);
    } catch (error) {
      // No usable URL (a page opened from file:// without the desktop shell): report, retry later.
      onError?.(new ClientError(UNREACHABLE, `Cannot open the event stream: ${error instanceof Error ? error.message : String(error)}`));
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      return;
    }
    source = current;
    current.onopen = () => {
      retryMs = RETRY_MIN_MS;
    };
    current.onmessage = (message: MessageEvent) => {
      if (message.lastEventId !== '') lastEventId = message.lastEventId;
      const parsed = parseEvent(message.data);
      if (parsed !== null) onEvent(parsed);
    };
    current.addEventListener(SSE_RESYNC_EVENT, () => onError?.(new ClientError(RESYNC, 'Events were missed; the status must be reloaded.')));
    current.onerror = () => {
      onError?.(new ClientError(UNREACHABLE, 'The event stream dropped.'));
      if (current.readyState !== CLOSED || closed) return;
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    };
  };

  connect();
  return () => {
    closed = true;
    if (retryTimer !== null) clearTimeout(retryTimer);
    source?.close();
  };
}

/** Parses one SSE `data:` payload; unknown or malformed events are skipped, not fatal. */
function parseEvent(data: unknown): RuntimeEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = RuntimeEvent.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
