// A report when no supervisor runs (issue 19): the last known state from telemetry (each service's
// last transition) and the run records, an offline pre-flight, and a redactor that knows every
// secret value this process can know — the generated ones on disk, env-source ones and
// BERTH_SECRET_* from this environment, the API key. Prompted values live only in a supervisor's
// memory, and what it wrote to disk was redacted by it then.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROMPT_ENV_PREFIX, Redactor } from '../secrets/index.ts';
import type { BundleManifest } from '../manifest/schema.ts';
import { readTelemetryFile } from '../telemetry/index.ts';

/** Every secret value this process can know for a state dir (and a manifest, when known). */
export async function offlineRedactor(stateDir: string, manifest: BundleManifest | null, env: Readonly<Record<string, string | undefined>>): Promise<Redactor> {
  const redactor = new Redactor();
  const generatedDir = join(stateDir, 'secrets', 'generated');
  for (const name of await readdir(generatedDir).catch(() => [])) {
    const value = (await readFile(join(generatedDir, name), 'utf8').catch(() => '')).trim();
    if (value !== '') redactor.add([value]);
  }
  const fromEnv = Object.values(manifest?.secrets ?? {}).flatMap((spec) => (spec.env === undefined ? [] : [env[spec.env]]));
  const prefilled = Object.entries(env).flatMap(([name, value]) => (name.startsWith(PROMPT_ENV_PREFIX) || name === 'BERTH_API_KEY' ? [value] : []));
  redactor.add([...fromEnv, ...prefilled].filter((value): value is string => value !== undefined && value !== ''));
  return redactor;
}

/** Each service's last transition in telemetry.jsonl: the state it was last known in. */
export async function lastKnownState(stateDir: string): Promise<{ live: false; note: string; services: Record<string, { state: string; at: string; reason: string | null; pid: number | null }> }> {
  const services: Record<string, { state: string; at: string; reason: string | null; pid: number | null }> = {};
  for (const event of await readTelemetryFile(join(stateDir, 'telemetry.jsonl'))) {
    if (event.type === 'state') services[event.service] = { state: event.to, at: event.at, reason: event.reason, pid: event.pid };
  }
  return { live: false, note: 'no supervisor was running: the last state each service reached in telemetry.jsonl (see runs/ for how each run ended)', services };
}
