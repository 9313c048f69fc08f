// The Notes bundle and the every-feature bundle, exported to each engine, byte for byte as
// committed under fixtures/golden/ (regenerate: BERTH_UPDATE_GOLDEN=1 npx vitest run
// supervisor/src/export/golden.test.ts), the same bytes whatever order the bundle lists things in,
// and the project README's commands are the ones the Notes export gives.
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findManifestProblems, type BundleManifest } from '../manifest/index.ts';
import { exportBundle } from './export-bundle.ts';
import { EXPORT_TARGETS, type ExportResult, type ExportTarget } from './export-types.ts';

const GOLDEN = join(import.meta.dirname, 'fixtures', 'golden');
const BUNDLES = { notes: new URL('../../../bundle.json', import.meta.url), 'every-feature': new URL('./fixtures/every-feature.json', import.meta.url) } as const;
const UPDATE = process.env.BERTH_UPDATE_GOLDEN === '1';

/** The same JSON with every object's keys in reverse order. */
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversedKeys(inner)]));
}

function manifestFrom(text: string): BundleManifest {
  const { problems, manifest } = findManifestProblems(text);
  if (manifest === undefined || problems.length > 0) throw new Error(JSON.stringify(problems));
  return manifest;
}

/** As a person runs it from the bundle's folder: `berth export <target> -o deploy/<target>`. */
function exportAs(name: keyof typeof BUNDLES, target: ExportTarget, text: string): ExportResult {
  const bundleDir = `/opt/${name}`;
  return exportBundle(manifestFrom(text), { target, bundleDir, outDir: `${bundleDir}/deploy/${target}` });
}

describe.each(Object.keys(BUNDLES) as (keyof typeof BUNDLES)[])('the %s bundle', (name) => {
  const text = readFileSync(BUNDLES[name], 'utf8');

  it.each(EXPORT_TARGETS)('exports to %s exactly as the golden files', async (target) => {
    const result = exportAs(name, target, text);
    const dir = join(GOLDEN, name, target);
    if (UPDATE) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      for (const file of result.files) await writeFile(join(dir, file.name), file.text);
    }
    expect(result.files.map((file) => file.name).sort()).toEqual((await readdir(dir)).sort());
    for (const file of result.files) expect(file.text, `${name}/${target}/${file.name}`).toBe(await readFile(join(dir, file.name), 'utf8'));
  });

  it.each(EXPORT_TARGETS)('exports to %s deterministically, whatever order the bundle lists things in', (target) => {
    const first = exportAs(name, target, text);
    expect(exportAs(name, target, text)).toEqual(first);
    expect(exportAs(name, target, JSON.stringify(reversedKeys(JSON.parse(text))))).toEqual(first);
  });
});

describe('the project README', () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  it.each(EXPORT_TARGETS)('shows exactly the commands that start the Notes export to %s', (target) => {
    const { run } = exportAs('notes', target, readFileSync(BUNDLES.notes, 'utf8'));
    expect(readme).toContain(['```sh', `npx berth export ${target} -o deploy/${target}`, `cd deploy/${target}`, ...run, '```'].join('\n'));
  });
});
