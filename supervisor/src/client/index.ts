// Public module of the CLI's client concern: how client verbs (and tests) find a running
// supervisor and turn the client core's errors into BerthErrors.
export { connectToSupervisor, isPidAlive } from './connect.ts';
export { resolveClientStateDir, type ClientLocationFlags } from './state-dir.ts';
export { toBerthError } from './to-berth-error.ts';
