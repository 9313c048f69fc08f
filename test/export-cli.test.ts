// `berth export` as a person runs it, against the built supervisor: it writes the files and says
// what did not map (exit 0); an invalid bundle exits 2 exactly as `berth validate` does; bad flags
// and a bundle that cannot be exported exit 2 naming the field; no secret value reaches the output.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../supervisor/src/export/index.ts';
import { repositoryBundle } from '../supervisor/src/export/test-bundles.ts';
import { editedExample } from '../supervisor/src/manifest/test-helpers.ts';
import { runCli } from './helpers/cli-run.ts';

const ROOT = resolve(import.meta.dirname, '..');
const BERTH = join(ROOT, 'dist/supervisor/berth.mjs');
const EVERY_FEATURE = join(ROOT, 'supervisor/src/export/fixtures/every-feature.json');
const berth = (args: readonly string[], env: Record<string, string> = {}) => runCli([process.execPath, BERTH, ...args], { env });

let dir = '';
beforeAll(async () => {
  if (!existsSync(BERTH)) throw new Error(`${BERTH} is missing: run \`npm run build\` first`);
  dir = await mkdtemp(join(tmpdir(), 'berth-export-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('berth export', () => {
  it('writes the Notes bundle for compose, then prints the secrets, the commands and each point that did not map', async () => {
    const out = join(dir, 'notes-compose');
    const outcome = await berth(['export', 'compose', '--bundle', join(ROOT, 'bundle.json'), '-o', out]);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    const expected = exportBundle(repositoryBundle('notes'), { target: 'compose', bundleDir: ROOT, outDir: out });
    expect((await readdir(out)).sort()).toEqual(['README.md', 'compose.yaml']);
    for (const file of expected.files) expect(await readFile(join(out, file.name), 'utf8')).toBe(file.text);
    const lines = outcome.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`Wrote compose.yaml, README.md to ${out}`);
    expect(lines).toContain('  secrets/DB_TOKEN');
    expect(lines).toContain('  docker compose up');
    expect(lines).toContain(`Not mapped exactly (${expected.warnings.length}):`);
    expect(lines).toContain('services.ui.readiness: a log probe has no compose equivalent; ui counts as started');
    expect(lines.slice(-expected.warnings.length)).toEqual(expected.warnings.map(({ path, message }) => `${path}: ${message}`));
  });

  it('gives the same result as JSON with --json', async () => {
    const out = join(dir, 'notes-systemd');
    const outcome = await berth(['export', 'systemd', '--bundle', join(ROOT, 'bundle.json'), '-o', out, '--node-path', '/usr/local/bin/node', '--json']);
    expect(outcome).toMatchObject({ code: 0, stderr: '' });
    const expected = exportBundle(repositoryBundle('notes'), { target: 'systemd', bundleDir: ROOT, outDir: out, nodePath: '/usr/local/bin/node' });
    expect(JSON.parse(outcome.stdout)).toEqual({ ok: true, target: 'systemd', outDir: out, files: expected.files.map((file) => file.name), secrets: expected.secrets, run: expected.run, warnings: expected.warnings });
  });

  it('never writes or prints a secret value, even one in its environment', async () => {
    const out = join(dir, 'every-feature-kubernetes');
    const value = 'sk-upstream-secret-value-4f1d';
    const outcome = await berth(['export', 'kubernetes', '--bundle', EVERY_FEATURE, '-o', out], { UPSTREAM_KEY: value, BERTH_SECRET_ADMIN_PASSWORD: value });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout + outcome.stderr).not.toContain(value);
    for (const name of await readdir(out)) expect(await readFile(join(out, name), 'utf8')).not.toContain(value);
  });

  it('exits 2 for an invalid bundle, saying exactly what berth validate says', async () => {
    const file = join(dir, 'invalid.json');
    await writeFile(file, editedExample([['services.ui.env.API_URL', 'http://${hosts.apii}:1']]));
    const exported = await berth(['export', 'compose', '--bundle', file, '-o', join(dir, 'never')]);
    const validated = await berth(['validate', '--offline', '--bundle', file]);
    expect(exported).toEqual({ code: 2, stdout: '', stderr: validated.stderr });
    expect(exported.stderr).toContain('services.ui.env.API_URL: unknown service "apii" in ${hosts.apii}');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it.each([
    [['export', 'swarm', '-o', 'x'], 'berth: target: use one of compose, kubernetes, systemd'],
    [['export', 'compose'], "error: required option '-o, --output <dir>' not specified"],
    [['export', 'compose', '-o', 'x', '--image', 'two words'], 'berth: --image: no spaces'],
  ])('exits 2 for %j', async (args, message) => {
    const outcome = await berth([...args, '--bundle', join(ROOT, 'bundle.json')]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain(message);
  });

  it('exits 2 naming each service that has no image to run in', async () => {
    const file = join(dir, 'no-image.json');
    await writeFile(file, JSON.stringify({ schemaVersion: 1, app: { id: 'dev.berth.x', name: 'X', version: '1.0.0' }, services: { cache: { command: ['redis-server'] } } }));
    const outcome = await berth(['export', 'kubernetes', '--bundle', file, '-o', join(dir, 'no-image')]);
    expect(outcome).toMatchObject({ code: 2, stdout: '' });
    expect(outcome.stderr).toBe('berth: X cannot be exported to kubernetes (1 problem)\n  services.cache.image: no image to run "redis-server" in: set services.cache.image or pass --image\n');
    const withImage = await berth(['export', 'kubernetes', '--bundle', file, '-o', join(dir, 'no-image'), '--image', 'redis:7']);
    expect(withImage.code).toBe(0);
  });
});
