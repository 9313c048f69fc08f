/// <reference lib="dom" />
// The page's elements, looked up once by id and checked for their type.

const byId = <T extends HTMLElement>(id: string, type: abstract new () => T): T => {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`the page has no #${id} of the expected kind`);
  return found;
};

/** Every element the app touches. */
export function findElements() {
  return {
    newNote: byId('new-note', HTMLButtonElement),
    search: byId('search', HTMLInputElement),
    summary: byId('list-summary', HTMLParagraphElement),
    list: byId('note-list', HTMLUListElement),
    loadMore: byId('load-more', HTMLButtonElement),
    alert: byId('alert', HTMLDivElement),
    form: byId('editor', HTMLFormElement),
    heading: byId('editor-heading', HTMLHeadingElement),
    meta: byId('editor-meta', HTMLParagraphElement),
    title: byId('title', HTMLInputElement),
    titleError: byId('title-error', HTMLParagraphElement),
    body: byId('body', HTMLTextAreaElement),
    save: byId('save', HTMLButtonElement),
    remove: byId('delete', HTMLButtonElement),
    status: byId('status', HTMLParagraphElement),
  };
}
export type Elements = ReturnType<typeof findElements>;

/** Makes an element with a class and text. */
export function make<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}
