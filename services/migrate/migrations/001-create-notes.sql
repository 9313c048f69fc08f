-- Notes: a title and a body, with creation and last-edit times (ISO 8601, UTC).
CREATE TABLE notes (
  id         INTEGER PRIMARY KEY,
  title      TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  body       TEXT    NOT NULL DEFAULT '' CHECK (length(body) <= 100000),
  created_at TEXT    NOT NULL,
  updated_at TEXT    NOT NULL
);

-- The list is ordered by last edit, newest first.
CREATE INDEX notes_updated_at ON notes (updated_at DESC, id DESC);
