/// <reference lib="dom" />
// Renders the list of notes in the sidebar: one button per note, named by its title and
// described by its date and first words, the open one marked aria-current.
import type { Note } from './api.ts';
import type { Elements } from './dom.ts';
import { make } from './dom.ts';
import { formatFullDate, formatListDate, snippetOf } from './format.ts';

/** What the list shows. */
export interface ListView {
  notes: readonly Note[];
  total: number;
  query: string;
  currentId: number | null;
}

/** Replaces the list's content; `onOpen` is called with the id of a clicked note. */
export function renderNoteList(elements: Elements, view: ListView, onOpen: (id: number) => void): void {
  const { list, summary, loadMore } = elements;
  const items = view.notes.map((note) => {
    const item = make('li', 'note-list-item');
    const button = make('button', 'note-item');
    button.type = 'button';
    button.dataset.id = String(note.id);
    const title = make('span', 'note-title', note.title);
    title.id = `note-${note.id}-title`;
    const meta = make('span', 'note-meta');
    meta.id = `note-${note.id}-meta`;
    const date = make('time', 'note-date', formatListDate(note.updatedAt));
    date.dateTime = note.updatedAt;
    date.title = formatFullDate(note.updatedAt);
    meta.append(date, make('span', 'note-snippet', snippetOf(note.body) || 'No text'));
    button.setAttribute('aria-labelledby', title.id);
    button.setAttribute('aria-describedby', meta.id);
    if (note.id === view.currentId) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => onOpen(note.id));
    button.append(title, meta);
    item.append(button);
    return item;
  });
  if (items.length === 0) {
    const empty = make('li', 'empty-list', view.query === '' ? 'No notes yet. Start one with “New note”.' : `No notes match “${view.query}”.`);
    items.push(empty);
  }
  list.replaceChildren(...items);
  const noun = view.total === 1 ? 'note' : 'notes';
  const verb = view.total === 1 ? 'matches' : 'match';
  summary.textContent = view.query === '' ? `${view.total} ${noun}` : `${view.total} ${noun} ${verb} “${view.query}”`;
  loadMore.hidden = view.notes.length >= view.total;
}

/** Marks the open note in the list without rebuilding it. */
export function markCurrent(elements: Elements, currentId: number | null): void {
  for (const button of elements.list.querySelectorAll<HTMLButtonElement>('button.note-item')) {
    if (button.dataset.id === String(currentId)) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
  }
}
