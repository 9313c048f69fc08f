// The JSON Schema of bundle.json, generated from the zod schema (DESIGN §4) so editors complete
// and check manifests with exactly the rules the supervisor applies.
import { z } from 'zod';
import { BundleManifest } from './schema.ts';

/** Where the generated file lives, relative to the repository root. */
export const JSON_SCHEMA_PATH = 'supervisor/schema/bundle.schema.json';

/** The JSON Schema (draft 2020-12) of bundle.json as people write it (input side: defaults optional). */
export function bundleJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(BundleManifest, { io: 'input', target: 'draft-2020-12' });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: 'urn:berth:bundle-manifest:1',
    title: 'Berth bundle manifest (bundle.json), schema version 1',
    description: 'Services, tasks, ports, dependencies, probes and secrets of a Berth bundle. Generated from supervisor/src/manifest/schema.ts; do not edit.',
    ...rest,
  };
}

/** The schema file's exact text: two-space indented, with a final newline (what `berth schema` prints). */
export function renderBundleJsonSchema(): string {
  return `${JSON.stringify(bundleJsonSchema(), null, 2)}\n`;
}
