// Public module of the control-API client core: pure (fetch, zod, eventsource-parser; no Node
// imports), so the CLI, Electron main and the dashboard in the browser share it. Each passes its
// transport; each maps ControlClientError to its own layer (the CLI to BerthError, main to the
// IPC envelope's code and message).
export { BAD_RESPONSE, ControlClientError, TIMEOUT, UNREACHABLE, errorCode, messageOf } from './client-error.ts';
export { createControlClient, type ControlClient } from './control-client.ts';
export type { ReceivedFile } from './request-bytes.ts';
export type { SubscribeOptions, SubscriptionHandlers } from './subscribe-events.ts';
export type { Transport, TransportAuth } from './transport.ts';
