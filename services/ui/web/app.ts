/// <reference lib="dom" />
// The Notes web app: a searchable list on the left, an editor on the right. Unsaved edits are
// saved before another note is opened; Ctrl/Cmd+S saves, Alt+N starts a new note.
import { ApiError, createNote, deleteNote, getNote, listNotes, updateNote } from './api.ts';
import type { Note } from './api.ts';
import { findElements } from './dom.ts';
import { formatEdited, formatFullDate } from './format.ts';
import { markCurrent, renderNoteList } from './note-list.ts';

const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 200;

const ui = findElements();
const state = {
  notes: [] as Note[],
  total: 0,
  query: '',
  /** The open note; null while writing a new one. */
  current: null as Note | null,
  dirty: false,
};
let listGeneration = 0;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let retryDelayMs = 500;
/** False until the first list arrived (the API may still be starting when the page loads). */
let loaded = false;

/** The API is starting, restarting or briefly unreachable: worth asking again soon. */
const isTransient = (error: unknown): boolean => error instanceof ApiError && (error.status === 0 || error.status === 502 || error.status === 503);

/** What to tell a person about a failed request: friendly words for the known cases, else the server's message. */
const messageOf = (error: unknown): string => {
  if (!(error instanceof ApiError)) return 'Something went wrong. Please try again.';
  if (error.code === 'API_UNAVAILABLE' || error.code === 'DB_UNAVAILABLE') return 'Notes cannot reach its server right now. Your text is still here; please try again in a moment.';
  if (error.code === 'OFFLINE') return error.message;
  const text = error.message.trim();
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
};

const showAlert = (error: unknown): void => {
  ui.alert.textContent = error === null ? '' : messageOf(error);
  ui.alert.hidden = error === null;
};

const showStatus = (text: string): void => {
  ui.status.textContent = text;
};

const showTitleError = (text: string): void => {
  ui.titleError.textContent = text;
  ui.titleError.hidden = text === '';
  if (text === '') ui.title.removeAttribute('aria-invalid');
  else ui.title.setAttribute('aria-invalid', 'true');
};

const renderList = (): void => {
  renderNoteList(ui, { notes: state.notes, total: state.total, query: state.query, currentId: state.current?.id ?? null }, (id) => void openNote(id));
};

const renderEditor = (): void => {
  const note = state.current;
  ui.heading.textContent = note === null ? 'New note' : 'Edit note';
  ui.meta.textContent = note === null ? '' : formatEdited(note.updatedAt);
  ui.meta.title = note === null ? '' : formatFullDate(note.updatedAt);
  ui.remove.hidden = note === null;
  markCurrent(ui, note?.id ?? null);
};

const fillEditor = (note: Note | null): void => {
  state.current = note;
  state.dirty = false;
  ui.title.value = note?.title ?? '';
  ui.body.value = note?.body ?? '';
  showTitleError('');
  renderEditor();
};

/** Loads the first page for the current search (or the next page with `append`); retries while the API is away. */
const loadList = async (options: { append?: boolean } = {}): Promise<void> => {
  const generation = ++listGeneration;
  clearTimeout(retryTimer);
  const offset = options.append === true ? state.notes.length : 0;
  try {
    const page = await listNotes(state.query, PAGE_SIZE, offset);
    if (generation !== listGeneration) return;
    state.notes = options.append === true ? [...state.notes, ...page.items] : page.items;
    state.total = page.total;
    retryDelayMs = 500;
    showAlert(null);
    renderList();
    if (!loaded) {
      loaded = true;
      if (state.current === null && !state.dirty) fillEditor(state.notes[0] ?? null);
    }
  } catch (error) {
    if (generation !== listGeneration) return;
    showAlert(error);
    if (isTransient(error)) {
      ui.summary.textContent = 'Waiting for the Notes service…';
      retryTimer = setTimeout(() => void loadList(options), retryDelayMs);
      retryDelayMs = Math.min(retryDelayMs * 2, 5_000);
    }
  }
};

/** Saves the editor; false when there was nothing valid to save or the server refused. */
const saveNow = async (options: { quiet?: boolean }): Promise<boolean> => {
  const title = ui.title.value.trim();
  const body = ui.body.value;
  if (title === '') {
    showTitleError('Give the note a title before saving it.');
    ui.title.focus();
    return false;
  }
  showTitleError('');
  ui.save.disabled = true;
  showStatus('Saving…');
  try {
    let note: Note;
    try {
      note = state.current === null ? await createNote({ title, body }) : await updateNote(state.current.id, { title, body });
    } catch (error) {
      // Deleted elsewhere in the meantime: keep the text as a new note rather than lose it.
      if (!(error instanceof ApiError && error.status === 404 && state.current !== null)) throw error;
      note = await createNote({ title, body });
    }
    const stillSame = ui.title.value.trim() === title && ui.body.value === body;
    state.current = note;
    state.dirty = !stillSame;
    renderEditor();
    showAlert(null);
    showStatus(options.quiet === true ? '' : 'Saved');
    await loadList();
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.code === 'VALIDATION_FAILED') {
      showTitleError(error.issues.map((issue) => issue.message).join(' ') || error.message);
    } else {
      showAlert(error);
    }
    showStatus('Not saved');
    return false;
  } finally {
    ui.save.disabled = false;
  }
};

let saving: Promise<boolean> | undefined;
/** Saves, or joins the save already under way (Ctrl+S pressed twice must not create two notes). */
const save = (options: { quiet?: boolean } = {}): Promise<boolean> => {
  saving ??= saveNow(options).finally(() => {
    saving = undefined;
  });
  return saving;
};

/** Before leaving the open note: save what was typed (a blank new note is simply dropped). */
const leaveCurrent = async (): Promise<boolean> => {
  if (!state.dirty) return true;
  if (state.current === null && ui.title.value.trim() === '' && ui.body.value.trim() === '') return true;
  if (ui.title.value.trim() === '') ui.title.value = 'Untitled';
  return save({ quiet: true });
};

const openNote = async (id: number): Promise<void> => {
  if (state.current?.id === id) return;
  if (!(await leaveCurrent())) return;
  try {
    fillEditor(await getNote(id));
    showStatus('');
    showAlert(null);
  } catch (error) {
    showAlert(error);
    if (error instanceof ApiError && error.status === 404) await loadList();
  }
};

const startNewNote = async (): Promise<void> => {
  if (!(await leaveCurrent())) return;
  fillEditor(null);
  showStatus('');
  ui.title.focus();
};

const removeCurrent = async (): Promise<void> => {
  const note = state.current;
  if (note === null) return;
  ui.remove.disabled = true;
  try {
    await deleteNote(note.id);
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 404)) {
      showAlert(error);
      return;
    }
  } finally {
    ui.remove.disabled = false;
  }
  showAlert(null);
  await loadList();
  fillEditor(state.notes[0] ?? null);
  showStatus(`Deleted “${note.title}”`);
  (state.current === null ? ui.title : ui.newNote).focus();
};

ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void save();
});
ui.newNote.addEventListener('click', () => void startNewNote());
ui.remove.addEventListener('click', () => void removeCurrent());
ui.loadMore.addEventListener('click', () => void loadList({ append: true }));
for (const field of [ui.title, ui.body]) {
  field.addEventListener('input', () => {
    state.dirty = true;
    showStatus('Unsaved changes');
    if (field === ui.title && ui.title.value.trim() !== '') showTitleError('');
  });
}
ui.search.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => {
    state.query = ui.search.value.trim();
    void loadList();
  }, SEARCH_DELAY_MS);
});
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
    event.preventDefault();
    void save();
  } else if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyN') {
    event.preventDefault();
    void startNewNote();
  }
});

fillEditor(null);
await loadList();
