// Test helpers: the DESIGN §4 example as a mutable plain object, and edits by dotted path.
import { readFileSync } from 'node:fs';

type JsonObject = Record<string, unknown>;

/** A fresh copy of the DESIGN §4 example manifest. */
export function designExample(): JsonObject {
  return JSON.parse(readFileSync(new URL('./fixtures/design-example.json', import.meta.url), 'utf8')) as JsonObject;
}

/** Sets (or, for `undefined`, deletes) the value at a dotted path, creating objects on the way. */
export function setAt(root: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  const last = keys.pop() ?? '';
  let node = root;
  for (const key of keys) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) node[key] = {};
    node = node[key] as JsonObject;
  }
  if (value === undefined) Reflect.deleteProperty(node, last);
  else node[last] = value;
}

/** The example manifest with edits applied, as bundle.json text. */
export function editedExample(edits: readonly (readonly [string, unknown])[]): string {
  const manifest = designExample();
  for (const [path, value] of edits) setAt(manifest, path, value);
  return JSON.stringify(manifest, null, 2);
}
