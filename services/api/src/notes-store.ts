// Notes in the database, through the sqlite service. Search is a case-insensitive substring
// match on title and body (LIKE with the wildcards of the search text escaped).
import type { DbClient, DbValue } from '../../lib/db-client.ts';
import type { CreateNote, ListQuery, Note, NotePage, PatchNote } from './schemas.ts';

// A type (not an interface) so it is a DbRow.
type NoteRow = {
  id: number;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
};

const COLUMNS = 'id, title, body, created_at, updated_at';
const toNote = (row: NoteRow): Note => ({ id: row.id, title: row.title, body: row.body, createdAt: row.created_at, updatedAt: row.updated_at });
const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

/** The notes operations of the API. */
export interface NotesStore {
  list(query: ListQuery): Promise<NotePage>;
  get(id: number): Promise<Note | undefined>;
  create(input: CreateNote): Promise<Note>;
  /** Updates the given fields; undefined when there is no such note. */
  update(id: number, patch: PatchNote): Promise<Note | undefined>;
  /** True when a note was deleted. */
  remove(id: number): Promise<boolean>;
}

/** Makes the store over a sqlite service client; `now` is injectable for tests. */
export function createNotesStore(db: DbClient, now: () => Date = () => new Date()): NotesStore {
  return {
    async list({ q, limit, offset }) {
      const where = q === '' ? '' : "WHERE title LIKE :pattern ESCAPE '\\' OR body LIKE :pattern ESCAPE '\\'";
      const filter: Record<string, DbValue> = q === '' ? {} : { pattern: likePattern(q) };
      // One transaction, so the page and the total describe the same moment.
      const [countResult, pageResult] = await db.transaction([
        { sql: `SELECT count(*) AS total FROM notes ${where}`, params: filter, rows: true },
        {
          sql: `SELECT ${COLUMNS} FROM notes ${where} ORDER BY updated_at DESC, id DESC LIMIT :limit OFFSET :offset`,
          params: { ...filter, limit, offset },
          rows: true,
        },
      ]);
      const total = countResult !== undefined && 'rows' in countResult ? Number(countResult.rows[0]?.total ?? 0) : 0;
      const rows = pageResult !== undefined && 'rows' in pageResult ? (pageResult.rows as unknown as NoteRow[]) : [];
      return { items: rows.map(toNote), total, limit, offset };
    },
    async get(id) {
      const [row] = await db.query<NoteRow>(`SELECT ${COLUMNS} FROM notes WHERE id = ?`, [id]);
      return row === undefined ? undefined : toNote(row);
    },
    async create({ title, body }) {
      const at = now().toISOString();
      const [row] = await db.query<NoteRow>(
        `INSERT INTO notes (title, body, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING ${COLUMNS}`,
        [title, body, at, at],
      );
      if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
      return toNote(row);
    },
    async update(id, patch) {
      const [row] = await db.query<NoteRow>(
        `UPDATE notes SET title = coalesce(:title, title), body = coalesce(:body, body), updated_at = :at WHERE id = :id RETURNING ${COLUMNS}`,
        { id, title: patch.title ?? null, body: patch.body ?? null, at: now().toISOString() },
      );
      return row === undefined ? undefined : toNote(row);
    },
    async remove(id) {
      const { changes } = await db.exec('DELETE FROM notes WHERE id = ?', [id]);
      return changes > 0;
    },
  };
}
