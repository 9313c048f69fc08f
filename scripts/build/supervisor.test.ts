// The supervisor as `npm run build` left it in dist/supervisor (npm test builds first).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SUPERVISOR_BUNDLE, SUPERVISOR_OUTFILE, YAML_BUNDLE } from './supervisor.ts';

describe('the built supervisor', () => {
  it("carries zod's English messages and none of its other locales", async () => {
    const bundle = await readFile(SUPERVISOR_BUNDLE, 'utf8');
    expect(bundle).toContain('Invalid input');
    // de.js and ja.js: two of the ~50 locales `z.locales` would otherwise pull in.
    expect(bundle).not.toContain('Ungültige Eingabe');
    expect(bundle).not.toContain('無効な入力');
  });

  it('keeps the yaml library in a file of its own, which only berth export requires', async () => {
    const [bundle, yaml] = await Promise.all([readFile(SUPERVISOR_BUNDLE, 'utf8'), readFile(YAML_BUNDLE, 'utf8')]);
    // A message of yaml's own parser: in its file, not in the bundle every verb loads.
    expect(yaml).toContain('Implicit keys need to be on a single line');
    expect(bundle).not.toContain('Implicit keys need to be on a single line');
    expect(bundle).toContain('require("./berth-yaml.cjs")');
  });

  it("names its code cache after this bundle's content", async () => {
    const buildId = createHash('sha256').update(await readFile(SUPERVISOR_BUNDLE)).digest('hex').slice(0, 16);
    const launcher = await readFile(SUPERVISOR_OUTFILE, 'utf8');
    expect(launcher.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(launcher).toContain(JSON.stringify(buildId));
  });
});
