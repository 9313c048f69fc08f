// Public module of the control concern (the contract itself is imported directly as contract.ts).
export { startControlServer, type ControlServer, type ControlServerOptions } from './server.ts';
export type { ControlledRuntime } from './controlled-runtime.ts';
export { formatControlReady } from './handshake.ts';
export { controlFilePath, readControlFile, removeControlFile, writeControlFile } from './control-file.ts';
export { runPreflight, type PreflightInput } from './preflight.ts';
export { findExecutable, isPortFree } from './preflight-checks.ts';
export { statusForError } from './http-errors.ts';
