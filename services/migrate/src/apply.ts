// Brings a database up to date through the sqlite service: each pending migration runs in one
// transaction together with its row in schema_version, so it is applied entirely or not at all,
// and running again applies nothing. An applied migration whose file changed stops everything.
import type { DbClient } from '../../lib/db-client.ts';
import type { Migration } from './migrations.ts';
import { MigrationsError } from './migrations.ts';

const CREATE_SCHEMA_VERSION = `CREATE TABLE IF NOT EXISTS schema_version (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  checksum   TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** What a run did. */
export interface ApplyReport {
  applied: { name: string; statements: number; durationMs: number }[];
  /** The highest applied version afterwards (0 for none). */
  version: number;
  /** Versions recorded in the database that no file describes (a newer app ran here). */
  unknown: number[];
}

/** Applies every migration of `migrations` that `schema_version` does not list yet. */
export async function applyMigrations(
  db: DbClient,
  migrations: readonly Migration[],
  onApplied: (entry: ApplyReport['applied'][number]) => void = () => {},
): Promise<ApplyReport> {
  await db.exec(CREATE_SCHEMA_VERSION);
  const rows = await db.query<{ version: number; name: string; checksum: string }>('SELECT version, name, checksum FROM schema_version ORDER BY version');
  const recorded = new Map(rows.map((row) => [row.version, row]));
  for (const migration of migrations) {
    const row = recorded.get(migration.version);
    if (row !== undefined && row.checksum !== migration.checksum) {
      throw new MigrationsError(`${migration.name} was changed after it was applied (as ${row.name}); add a new migration instead of editing an applied one`);
    }
  }
  const applied: ApplyReport['applied'] = [];
  for (const migration of migrations.filter((candidate) => !recorded.has(candidate.version))) {
    const started = performance.now();
    await db.transaction([
      ...migration.statements.map((sql) => ({ sql })),
      {
        sql: 'INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
        params: [migration.version, migration.name, migration.checksum, new Date().toISOString()],
      },
    ]);
    const entry = { name: migration.name, statements: migration.statements.length, durationMs: Math.round(performance.now() - started) };
    applied.push(entry);
    onApplied(entry);
  }
  const known = new Set(migrations.map((migration) => migration.version));
  const versions = [...recorded.keys(), ...migrations.map((migration) => migration.version)];
  return { applied, version: Math.max(0, ...versions), unknown: [...recorded.keys()].filter((version) => !known.has(version)) };
}
