// A bundle shipped as a .tgz: listed first, and refused whole (exit 2) when any entry could land
// outside the folder it is unpacked into — an absolute path, a `..` part, a link whose target
// leaves the bundle, a device or FIFO. Only then is it extracted (node-tar, which refuses the same
// things again entry by entry; any warning of its is an error here too).
import { posix } from 'node:path';
import { BerthError } from '../errors.ts';

/** node-tar, loaded when an archive is handled: `berth run` seldom does, and its set-up is on every start otherwise. */
const tar = () => import('tar');

/** Entry types a bundle may hold. */
const ALLOWED_TYPES: ReadonlySet<string> = new Set(['File', 'OldFile', 'ContiguousFile', 'Directory', 'SymbolicLink', 'Link']);

/** Why one entry must not be extracted, or null. */
export function entryProblem(path: string, type: string, linkpath: string | undefined): string | null {
  const name = path.replace(/\\/g, '/');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return `${path}: an absolute path`;
  if (name.split('/').includes('..')) return `${path}: a ".." part leaves the bundle`;
  if (!ALLOWED_TYPES.has(type)) return `${path}: a ${type} entry`;
  if (type === 'SymbolicLink' || type === 'Link') {
    const target = (linkpath ?? '').replace(/\\/g, '/');
    if (target.startsWith('/') || /^[A-Za-z]:/.test(target)) return `${path}: a link to the absolute path ${target}`;
    // A symbolic link is relative to its own folder; a hard link to the archive's root.
    const resolved = posix.normalize(type === 'SymbolicLink' ? posix.join(posix.dirname(name), target) : target);
    if (resolved === '..' || resolved.startsWith('../')) return `${path}: a link to ${target}, outside the bundle`;
  }
  return null;
}

/** Every entry of the archive that must not be extracted (empty: safe to extract). */
export async function findUnsafeEntries(file: string): Promise<string[]> {
  const problems: string[] = [];
  const { list } = await tar();
  await list({
    file,
    onEntry: (entry) => {
      const problem = entryProblem(entry.path, entry.type, entry.linkpath);
      if (problem !== null) problems.push(problem);
    },
  });
  return problems;
}

/** Extracts a checked archive into `into` (which exists and is empty). */
export async function extractArchive(file: string, into: string): Promise<void> {
  const { extract } = await tar();
  await extract({ file, cwd: into, strict: true, preserveOwner: false });
}

/** The app.id of the bundle.json at the archive's root or in its one top folder (read, not extracted). */
export async function archiveAppId(file: string): Promise<string> {
  let text: string | null = null;
  const { list } = await tar();
  await list({
    file,
    onEntry: async (entry) => {
      if (text === null && entry.type === 'File' && /^(\.\/)?([^/]+\/)?bundle\.json$/.test(entry.path)) text = await entry.text();
    },
  });
  const id: unknown = text === null ? undefined : (JSON.parse(text) as { app?: { id?: unknown } }).app?.id;
  if (typeof id !== 'string') throw new BerthError('MANIFEST_NOT_FOUND', `${file}: no bundle.json with an app.id at its root`);
  return id;
}
