// Where everything lives inside a state directory (DESIGN §7). Pure: no I/O.
import { join } from 'node:path';

/** Absolute paths of the state directory's parts. */
export interface StatePaths {
  readonly root: string;
  readonly lock: string;
  readonly controlFile: string;
  readonly data: string;
  readonly secrets: string;
  readonly logs: string;
  readonly runs: string;
  readonly telemetry: string;
  readonly stateFile: string;
  readonly heldFile: string;
}

/** The layout of `<stateDir>`. */
export function statePaths(root: string): StatePaths {
  return {
    root,
    lock: join(root, 'supervisor.lock'),
    controlFile: join(root, 'control.json'),
    data: join(root, 'data'),
    secrets: join(root, 'secrets'),
    logs: join(root, 'logs'),
    runs: join(root, 'runs'),
    telemetry: join(root, 'telemetry.jsonl'),
    stateFile: join(root, 'state.json'),
    heldFile: join(root, 'held.json'),
  };
}
