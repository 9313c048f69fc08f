// Public module of the client concern: how CLI verbs (and tests) reach a running supervisor.
export { ControlClient } from './control-client.ts';
export { connectToSupervisor, isPidAlive } from './connect.ts';
export { readEventStream, type EventStreamOptions } from './event-stream.ts';
export { resolveClientStateDir, type ClientLocationFlags } from './state-dir.ts';
