// Which state dir a client verb talks to: --state-dir > BERTH_STATE_DIR > the default folder of
// the bundle's app id (--bundle > BERTH_BUNDLE > ./bundle.json), as `berth run` resolves it.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultStateDir } from '../config/default-state-dir.ts';
import { BerthError } from '../errors.ts';
import { loadManifest } from '../manifest/index.ts';

/** Flags a client verb accepts to find its supervisor. */
export interface ClientLocationFlags {
  stateDir?: string;
  bundle?: string;
}

/** Resolves the state dir of the supervisor a client verb should talk to. */
export async function resolveClientStateDir(
  flags: ClientLocationFlags,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Promise<string> {
  const explicit = flags.stateDir ?? nonEmpty(env.BERTH_STATE_DIR);
  if (explicit !== undefined) return resolve(cwd, explicit);
  const bundle = flags.bundle ?? nonEmpty(env.BERTH_BUNDLE) ?? (existsSync(resolve(cwd, 'bundle.json')) ? 'bundle.json' : undefined);
  if (bundle === undefined) {
    throw new BerthError('CONFIG_INVALID', 'Cannot tell which supervisor to talk to: pass --state-dir, set BERTH_STATE_DIR, or run where bundle.json is.');
  }
  const { manifest } = await loadManifest(resolve(cwd, bundle));
  return defaultStateDir(manifest.app.id, { ...env });
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
