import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleJsonSchema, JSON_SCHEMA_PATH, renderBundleJsonSchema } from './index.ts';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

describe('bundle.schema.json', () => {
  it('is up to date with the zod schema', async () => {
    const committed = await readFile(resolve(REPO_ROOT, JSON_SCHEMA_PATH), 'utf8');
    expect(
      committed === renderBundleJsonSchema(),
      `${JSON_SCHEMA_PATH} is stale: regenerate it with \`node supervisor/src/manifest/write-json-schema.ts\` (Node 24) and commit it`,
    ).toBe(true);
  });

  it('describes bundle.json as people write it', () => {
    const schema = bundleJsonSchema();
    expect(schema).toMatchObject({ $id: 'urn:berth:bundle-manifest:1', type: 'object', additionalProperties: false, required: ['schemaVersion', 'app', 'services'] });
    expect(typeof schema.title).toBe('string');
    expect(JSON.stringify(schema)).toContain('"pattern":"^(\\\\d+(\\\\.\\\\d+)?(ms|s|m|h|d))+$"');
  });

  it('uses only standard formats and patterns that editors can compile', () => {
    const formats: unknown[] = [];
    const patterns: string[] = [];
    JSON.stringify(bundleJsonSchema(), (key, value: unknown) => {
      if (key === 'format') formats.push(value);
      if (key === 'pattern' && typeof value === 'string') patterns.push(value);
      return value;
    });
    expect(formats).toEqual([]);
    expect(patterns.length).toBeGreaterThan(0);
    for (const pattern of patterns) expect(() => new RegExp(pattern, 'u'), pattern).not.toThrow();
  });
});
