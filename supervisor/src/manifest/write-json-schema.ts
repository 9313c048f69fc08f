// Regenerates supervisor/schema/bundle.schema.json from the zod schema:
//   node supervisor/src/manifest/write-json-schema.ts   (Node 24, from the repository root)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_PATH, renderBundleJsonSchema } from './json-schema.ts';

/** Writes the schema file under `root` (default: this repository) and returns its path. */
export async function writeBundleJsonSchema(root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')): Promise<string> {
  const target = resolve(root, JSON_SCHEMA_PATH);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, renderBundleJsonSchema());
  return target;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`wrote ${await writeBundleJsonSchema()}`);
}
