// Reads bundle.json from disk and validates it (the effectful edge of the manifest concern).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BerthError } from '../errors.ts';
import { parseManifest, type LoadedManifest } from './parse.ts';

export { findManifestProblems, manifestInvalidError, parseManifest, type LoadedManifest } from './parse.ts';
export type { ManifestProblem, ManifestProblems } from './problems.ts';

/** Loads and validates a bundle.json; MANIFEST_NOT_FOUND when it cannot be read, MANIFEST_INVALID when it is wrong. */
export async function loadManifest(path: string): Promise<LoadedManifest> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new BerthError('MANIFEST_NOT_FOUND', `bundle manifest not found: ${absolute} (${reason})`, { cause: error });
  }
  return parseManifest(text, absolute);
}
