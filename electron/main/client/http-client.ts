// Main's client of the control API: the client core with main's transport — the bearer token
// from the handshake (kept in main, never sent to a window) and a per-request ceiling, so a
// hung supervisor cannot hold an IPC call or the quit sequence forever.
import { createControlClient, type ControlClient } from '../../../supervisor/src/control/client/index.ts';

/** Where the control API is and how to authenticate. */
export interface HttpClientOptions {
  url: string;
  token: string;
  fetch?: typeof fetch;
  /** Per-request ceiling (not applied to /events). */
  timeoutMs?: number;
}

/** Builds main's client of one running supervisor. */
export function createHttpRuntimeClient(options: HttpClientOptions): ControlClient {
  return createControlClient({
    baseUrl: options.url,
    auth: { kind: 'bearer', token: options.token },
    timeoutMs: options.timeoutMs ?? 15_000,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
}
