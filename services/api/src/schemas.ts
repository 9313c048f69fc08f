// The notes API's inputs and outputs. Every request body and query string goes through one of
// these schemas; unknown fields are refused so a typo is a 400, not a silent no-op.
import { z } from 'zod';

/** Longest title and body, matching the CHECK constraints of migration 001. */
export const TITLE_MAX = 200;
export const BODY_MAX = 100_000;

const Title = z.string().trim().min(1, { message: 'a title is required' }).max(TITLE_MAX, { message: `at most ${TITLE_MAX} characters` });
const Body = z.string().max(BODY_MAX, { message: `at most ${BODY_MAX} characters` });

/** POST /api/notes. */
export const CreateNote = z.strictObject({ title: Title, body: Body.default('') });
/** PUT /api/notes/:id: the whole note. */
export const ReplaceNote = z.strictObject({ title: Title, body: Body });
/** PATCH /api/notes/:id: any of the fields. */
export const PatchNote = z
  .strictObject({ title: Title.optional(), body: Body.optional() })
  .refine((patch) => patch.title !== undefined || patch.body !== undefined, { message: 'send "title", "body" or both' });

/** GET /api/notes query string. */
export const ListQuery = z.strictObject({
  q: z.string().trim().max(200).default(''),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** The `:id` path parameter. */
export const NoteId = z.coerce.number({ message: 'a note id is a positive integer' }).int().positive().max(Number.MAX_SAFE_INTEGER);

/** A note as the API returns it. */
export interface Note {
  id: number;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
}

/** A page of notes. */
export interface NotePage {
  items: Note[];
  total: number;
  limit: number;
  offset: number;
}

export type CreateNote = z.output<typeof CreateNote>;
export type PatchNote = z.output<typeof PatchNote>;
export type ListQuery = z.output<typeof ListQuery>;
