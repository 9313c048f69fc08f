// How a client reaches the control API, passed in by each layer: where it is, which fetch to
// use, and how the caller proves who it is — a bearer token (CLI, Electron main) or the
// dashboard's same-origin session cookie (the browser sends it; no token in page code).

/** How requests authenticate. */
export type TransportAuth = { kind: 'bearer'; token: string } | { kind: 'same-origin' };

/** Everything a client needs to send a request. */
export interface Transport {
  /** Base URL of the control API, e.g. `http://127.0.0.1:47001` (trailing slashes ignored). */
  baseUrl: string;
  auth: TransportAuth;
  /** The fetch to call; the global one, looked up at each call, when unset. */
  fetch?: typeof fetch;
  /** Ceiling for one request and its reply (never for /events); none when unset. */
  timeoutMs?: number;
}

/** Sends one request with the transport's fetch and credentials. */
export function send(transport: Transport, path: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }): Promise<Response> {
  const auth: RequestInit =
    transport.auth.kind === 'bearer' ? { headers: { ...init.headers, authorization: `Bearer ${transport.auth.token}` } } : { headers: init.headers, credentials: 'same-origin' };
  const request: RequestInit = { method: init.method, ...auth, ...(init.body === undefined ? {} : { body: init.body }), ...(init.signal === undefined ? {} : { signal: init.signal }) };
  const fetchFn = transport.fetch ?? ((input: string, options?: RequestInit) => globalThis.fetch(input, options));
  return fetchFn(`${transport.baseUrl.replace(/\/+$/, '')}${path}`, request);
}
