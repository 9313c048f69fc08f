// `berth validate` against the built supervisor: every invalid manifest of the shared table exits 2
// and names its JSON path on stderr; a valid one exits 0 with a one-line summary.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVALID_MANIFEST_CASES } from '../supervisor/src/manifest/invalid-manifest-cases.ts';
import { designExample, editedExample } from '../supervisor/src/manifest/test-helpers.ts';

const BERTH = resolve(import.meta.dirname, '../dist/supervisor/berth.mjs');

interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `berth validate --bundle <file>` with the Node running the tests. */
function validate(file: string, ...extra: string[]): Promise<Outcome> {
  return new Promise((done) => {
    execFile(process.execPath, [BERTH, 'validate', '--bundle', file, ...extra], { timeout: 30_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

describe('berth validate', () => {
  let dir = '';
  beforeAll(async () => {
    if (!existsSync(BERTH)) throw new Error(`${BERTH} is missing: run \`npm run build\` first`);
    dir = await mkdtemp(join(tmpdir(), 'berth-validate-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('exits 0 with a one-line summary for the DESIGN §4 example', async () => {
    const file = join(dir, 'valid.json');
    await writeFile(file, JSON.stringify(designExample()));
    const outcome = await validate(file);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    expect(outcome.stdout.trim().split('\n')).toHaveLength(1);
    expect(outcome.stdout).toContain('valid');
  });

  it('exits 2 naming the path of a missing file', async () => {
    const file = join(dir, 'missing.json');
    const outcome = await validate(file);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(file);
  });

  // Concurrent: each case is a separate supervisor process, and most of its time is start-up.
  it.concurrent.for(INVALID_MANIFEST_CASES.map((entry, index) => [index, ...entry] as const))('case %i: %s → exit 2', async ([index, _label, edits, expected], { expect }) => {
    const file = join(dir, `invalid-${index}.json`);
    await writeFile(file, editedExample(edits));
    const outcome = await validate(file);
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr.split('\n').some((line) => line.trim().startsWith(expected)), outcome.stderr).toBe(true);
  });

  it('exits 2 naming every program that would not run, by JSON path (PATH, relative to cwd, this OS\'s override)', async () => {
    const file = join(dir, 'programs.json');
    const bundle = designExample();
    const services = bundle.services as Record<string, Record<string, unknown>>;
    const [first = '', second = '', third = ''] = Object.keys(services);
    services[first] = { ...services[first], command: ['berth-no-such-program', '--flag'] };
    services[second] = { ...services[second], command: ['./bin/missing.sh'] };
    services[third] = { ...services[third], platforms: { [process.platform]: { command: ['/nonexistent/tool'] } } };
    await writeFile(file, JSON.stringify(bundle));
    const outcome = await validate(file);
    expect(outcome.code, outcome.stderr).toBe(2);
    expect(outcome.stderr).toContain(`services.${first}.command[0]: program "berth-no-such-program" was not found on PATH`);
    expect(outcome.stderr).toContain(`services.${second}.command[0]: program "./bin/missing.sh" does not exist or is not executable (relative paths start at ${dir})`);
    expect(outcome.stderr).toContain(`services.${third}.platforms.${process.platform}.command[0]: program "/nonexistent/tool" does not exist`);
    expect(outcome.stderr).toContain('(3 problems)');
  });

  it('lists several problems in one run', async () => {
    const file = join(dir, 'several.json');
    await writeFile(file, editedExample([['services.api.dependsOn.dbb', 'ready'], ['ui.port', 'https'], ['services.api.colour', 'red']]));
    const outcome = await validate(file);
    expect(outcome.code).toBe(2);
    for (const path of ['services.api.dependsOn.dbb:', 'ui.port:', 'services.api.colour:']) expect(outcome.stderr).toContain(path);
  });
});
