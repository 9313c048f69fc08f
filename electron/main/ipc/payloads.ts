// The argument list each IPC method accepts, as zod tuples built from the contract's schemas.
// Main parses every payload with these before it reaches the supervisor.
import { z } from 'zod';
import { ApplyUpdateRequest, SecretsRequest, ServiceAction } from '../../../supervisor/src/control/contract.ts';
import type { InvokeMethod } from '../../ipc/channels.ts';

const serviceName = z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);

/** Arguments of each invoke method. */
export const INVOKE_ARGS = {
  status: z.tuple([]),
  tailLogs: z.tuple([serviceName, z.number().int().min(1).max(10_000)]),
  runs: z.tuple([serviceName]),
  serviceAction: z.tuple([serviceName, ServiceAction]),
  submitSecrets: z.tuple([SecretsRequest]),
  validate: z.tuple([]),
  shutdown: z.tuple([]),
  updates: z.tuple([]),
  checkUpdates: z.tuple([]),
  applyUpdate: z.tuple([ApplyUpdateRequest.shape.version]),
} as const satisfies Record<InvokeMethod, z.ZodType<unknown[]>>;
