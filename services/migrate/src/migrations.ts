// Reads a folder of numbered migrations (`001-create-notes.sql`, `002-add-tags.sql`…) in version
// order. A .sql file whose name does not fit, or two files with one version, is an error rather
// than something silently skipped.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { splitSqlStatements } from '../../lib/sql-split.ts';

/** One migration file. */
export interface Migration {
  version: number;
  /** The file name without `.sql`, e.g. "001-create-notes". */
  name: string;
  statements: string[];
  /** sha256 of the text with line endings normalised, to notice an applied file that changed. */
  checksum: string;
}

/** Thrown for a migrations folder that cannot be used as it is. */
export class MigrationsError extends Error {
  override readonly name = 'MigrationsError';
}

const FILE_PATTERN = /^(\d{1,9})-([A-Za-z0-9][A-Za-z0-9_-]*)\.sql$/;

/** Loads every migration of `dir`, sorted by version. */
export async function loadMigrations(dir: string): Promise<Migration[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((file) => file.toLowerCase().endsWith('.sql'));
  } catch (error) {
    throw new MigrationsError(`cannot read the migrations folder ${dir}`, { cause: error });
  }
  const migrations: Migration[] = [];
  for (const file of files) {
    const match = FILE_PATTERN.exec(file);
    if (match === null) throw new MigrationsError(`${file}: name migrations NNN-name.sql (e.g. 002-add-tags.sql)`);
    const text = (await readFile(join(dir, file), 'utf8')).replace(/\r\n?/g, '\n');
    migrations.push({
      version: Number(match[1]),
      name: file.slice(0, -'.sql'.length),
      statements: splitSqlStatements(text),
      checksum: createHash('sha256').update(text).digest('hex'),
    });
  }
  migrations.sort((a, b) => a.version - b.version);
  for (const [index, migration] of migrations.entries()) {
    const previous = migrations[index - 1];
    if (previous?.version === migration.version) {
      throw new MigrationsError(`${previous.name} and ${migration.name} have the same version ${migration.version}`);
    }
  }
  return migrations;
}
