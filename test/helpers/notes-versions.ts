// Versions of the Notes bundle for the update tests: the repo's bundle.json and its built services
// (dist/services, migrations included) copied into a folder, with a new app.version, extra
// migrations, or edits (an api that never gets ready…). Also a .tgz of one, and a look into the
// SQLite file a version left behind.
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { create } from 'tar';

const ROOT = resolve(import.meta.dirname, '../..');

/** One version of the Notes bundle. */
export interface NotesVersion {
  readonly version: string;
  /** Extra migrations, by file name (`002-add-pinned.sql`). */
  readonly migrations?: Readonly<Record<string, string>>;
  /** Changes to bundle.json after the version is set. */
  readonly edit?: (bundle: NotesManifest) => void;
  /** updates.readyTimeout (short in tests). */
  readonly readyTimeout?: string;
}

/** bundle.json as the tests edit it. */
export interface NotesManifest {
  app: { version: string };
  services: Record<string, { readiness?: Record<string, unknown>; env?: Record<string, string>; command?: string[] } & Record<string, unknown>>;
  updates?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A migration that adds a column (v2 of Notes). */
export const ADD_PINNED = 'ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0;\n';

/** A migration that always fails. */
export const BROKEN_MIGRATION = 'ALTER TABLE no_such_table ADD COLUMN nothing INTEGER;\n';

/** Writes the bundle folder of `spec` under `parent` (as `notes-<version>`); returns the folder. */
export async function writeNotesVersion(parent: string, spec: NotesVersion): Promise<string> {
  const dir = join(parent, `notes-${spec.version}`);
  await mkdir(dir, { recursive: true });
  await cp(join(ROOT, 'dist', 'services'), join(dir, 'dist', 'services'), { recursive: true, filter: (from) => !from.endsWith('.map') });
  for (const [name, sql] of Object.entries(spec.migrations ?? {})) await writeFile(join(dir, 'dist', 'services', 'migrate', 'migrations', name), sql);
  const bundle = JSON.parse(await readFile(join(ROOT, 'bundle.json'), 'utf8')) as NotesManifest;
  delete bundle.$schema;
  bundle.app.version = spec.version;
  bundle.updates = { ...bundle.updates, readyTimeout: spec.readyTimeout ?? '20s' };
  spec.edit?.(bundle);
  await writeFile(join(dir, 'bundle.json'), `${JSON.stringify(bundle, null, 2)}\n`);
  return dir;
}

/** A .tgz of a bundle folder, its files under one top folder (as `npm pack` and GitHub make them). */
export async function packBundle(dir: string, file: string): Promise<string> {
  await create({ file, gzip: true, cwd: resolve(dir, '..') }, [dir.split(/[\\/]/).at(-1) ?? '']);
  return file;
}

/** What a Notes database holds: applied migration versions, the notes' titles, its columns. */
export function readNotesDb(file: string): { migrations: number[]; titles: string[]; columns: string[] } {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const migrations = db.prepare('SELECT version FROM schema_version ORDER BY version').all().map((row) => Number(row.version));
    const titles = db.prepare('SELECT title FROM notes ORDER BY id').all().map((row) => String(row.title));
    const columns = db.prepare('PRAGMA table_info(notes)').all().map((row) => String(row.name));
    return { migrations, titles, columns };
  } finally {
    db.close();
  }
}
