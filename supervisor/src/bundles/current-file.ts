// current.json: which installed version runs, the one before it, and the last one that reached
// all-ready (known-good). Written atomically, so a crash leaves the old or the new switch, never a
// torn one. The known-good version is also kept in bundles/known-good.json, so losing
// current.json still leaves a version to fall back to.
import { mkdir, readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-write.ts';
import type { BundlePaths } from './bundle-paths.ts';

/** current.json. */
export const CurrentFile = z.strictObject({
  version: z.string().min(1),
  previous: z.string().min(1).nullable(),
  knownGood: z.string().min(1).nullable(),
});
export type CurrentFile = z.infer<typeof CurrentFile>;

/** What reading current.json found. */
export type CurrentRead = { readonly kind: 'ok'; readonly current: CurrentFile } | { readonly kind: 'missing' } | { readonly kind: 'corrupt'; readonly problem: string };

const KnownGoodFile = z.object({ version: z.string().min(1) });

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Reads current.json (an unreadable file other than a missing one is an I/O error). */
export async function readCurrent(paths: BundlePaths): Promise<CurrentRead> {
  const text = await readText(paths.current);
  if (text === null) return { kind: 'missing' };
  try {
    const parsed = CurrentFile.safeParse(JSON.parse(text));
    if (parsed.success) return { kind: 'ok', current: parsed.data };
    const issue = parsed.error.issues[0];
    return { kind: 'corrupt', problem: `${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  } catch {
    return { kind: 'corrupt', problem: 'not JSON' };
  }
}

/** The known-good version from its own marker (when current.json is missing or corrupt). */
export async function readKnownGoodMarker(paths: BundlePaths): Promise<string | null> {
  const text = await readText(paths.knownGood);
  if (text === null) return null;
  try {
    const parsed = KnownGoodFile.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.version : null;
  } catch {
    return null;
  }
}

/** Switches current.json atomically (and the known-good marker when it changed). */
export async function writeCurrent(paths: BundlePaths, current: CurrentFile, previous: CurrentFile | null = null): Promise<void> {
  if (current.knownGood !== null && current.knownGood !== previous?.knownGood) {
    await mkdir(paths.bundles, { recursive: true });
    await writeJsonAtomic(paths.knownGood, { version: current.knownGood });
  }
  await writeJsonAtomic(paths.current, current);
}

/** The switch to `version`: the current one becomes previous; known-good stays until it is earned. */
export function switchedTo(current: CurrentFile | null, version: string): CurrentFile {
  if (current === null) return { version, previous: null, knownGood: null };
  if (current.version === version) return current;
  return { version, previous: current.version, knownGood: current.knownGood };
}
