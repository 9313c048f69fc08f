// The engines' own checkers accept what `berth export` writes for the Notes bundle and the
// every-feature bundle: Debian's docker-compose (`config`) and the Compose Specification's JSON
// Schema (ajv), the official Kubernetes 1.36 schemas (kubernetes-models), and `systemd-analyze
// verify` (no running systemd needed). Each check is first shown to fail on a broken file.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Deployment } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { PersistentVolumeClaim, Service } from 'kubernetes-models/v1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { exportBundle } from './export-bundle.ts';
import { EXPORT_TARGETS } from './export-types.ts';
import { repositoryBundle } from './test-bundles.ts';
import { writeExport } from './write-export.ts';

const BUNDLES = ['notes', 'every-feature'] as const;
const MODELS: Record<string, (data: Record<string, unknown>) => { validate(): void }> = {
  'apps/v1/Deployment': (data) => new Deployment(data),
  'batch/v1/Job': (data) => new Job(data),
  'v1/Service': (data) => new Service(data),
  'v1/PersistentVolumeClaim': (data) => new PersistentVolumeClaim(data),
};

function run(file: string, args: readonly string[], cwd: string, options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = execFile(file, args, { cwd, env: options.env ?? process.env, timeout: 30_000 }, (error, stdout, stderr) => done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }));
    // A tool that exits without reading its stdin closes the pipe first: EPIPE is no failure of ours.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.stdin ?? '');
  });
}

/** A Kubernetes object checked against its official schema; throws naming what is wrong. */
function validateObject(object: Record<string, unknown>): void {
  const model = MODELS[`${String(object.apiVersion)}/${String(object.kind)}`];
  if (model === undefined) throw new Error(`no schema for ${String(object.apiVersion)} ${String(object.kind)}`);
  model(object).validate();
}

let root = '';
const outOf = (bundle: string, target: string) => join(root, bundle, 'deploy', target);
const validateCompose = new Ajv({ allErrors: true, strictTypes: false }).compile(
  // The file names draft-07 by its https address, which ajv knows as http://…#: the same dialect, ajv's default.
  (({ $schema: _dialect, ...schema }: Record<string, unknown>) => schema)(JSON.parse(await readFile(join(import.meta.dirname, 'fixtures', 'compose-spec', 'compose-spec.json'), 'utf8')) as Record<string, unknown>),
);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-export-engines-'));
  for (const bundle of BUNDLES) {
    await mkdir(join(root, bundle), { recursive: true });
    for (const target of EXPORT_TARGETS) {
      // systemd checks that each ExecStart= program exists: ${node} is the Node running the tests.
      const result = exportBundle(repositoryBundle(bundle), { target, bundleDir: join(root, bundle), outDir: outOf(bundle, target), nodePath: target === 'systemd' ? process.execPath : undefined });
      await writeExport(outOf(bundle, target), result.files);
      if (target === 'compose') {
        // The secret files, made by the commands the export gives (a prompted one is typed on stdin).
        for (const command of result.run.filter((line) => line !== 'docker compose up')) {
          const made = await run('/bin/sh', ['-c', command], outOf(bundle, target), { env: { ...process.env, UPSTREAM_KEY: 'upstream-key-for-the-test' }, stdin: 'typed password\n' });
          expect(made, command).toMatchObject({ code: 0, stdout: '' });
        }
      }
    }
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('compose', () => {
  it('docker-compose config rejects a broken file', async () => {
    const dir = join(root, 'broken-compose');
    await mkdir(dir);
    await writeFile(join(dir, 'compose.yaml'), 'services:\n  a:\n    image: x\n    restart: sometimes\n    healthcheck: { test: [CMD, "true"], retries: many }\n');
    expect((await run('docker-compose', ['-f', 'compose.yaml', 'config', '-q'], dir)).code).not.toBe(0);
    expect(validateCompose(parse('services:\n  a:\n    image: x\n    restart_policy: always\n'))).toBe(false);
  });

  it.each(BUNDLES)('the %s export passes docker-compose config and the Compose Specification schema', async (bundle) => {
    const dir = outOf(bundle, 'compose');
    // Generated as Berth generates them: base64url of 32 (Notes) or 24 random bytes, no padding.
    const [secret, length] = bundle === 'notes' ? ['DB_TOKEN', 43] : ['API_TOKEN', 32];
    expect(await readFile(join(dir, 'secrets', secret), 'utf8')).toMatch(new RegExp(`^[A-Za-z0-9_-]{${length}}$`));
    if (bundle === 'every-feature') {
      expect(await readFile(join(dir, 'secrets', 'UPSTREAM_KEY'), 'utf8')).toBe('upstream-key-for-the-test');
      expect(await readFile(join(dir, 'secrets', 'ADMIN_PASSWORD'), 'utf8')).toBe('typed password');
    }
    expect(await run('docker-compose', ['-f', 'compose.yaml', 'config', '-q'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const valid = validateCompose(parse(await readFile(join(dir, 'compose.yaml'), 'utf8')));
    expect(validateCompose.errors ?? [], JSON.stringify(validateCompose.errors)).toEqual([]);
    expect(valid).toBe(true);
  });
});

describe('Kubernetes', () => {
  it('the schema check rejects a broken object', () => {
    const broken = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'a' }, spec: { selector: {}, template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: '80' }] }] } } } };
    expect(() => validateObject(broken)).toThrow(/containerPort must be integer/);
  });

  it.each(BUNDLES)('every object of the %s export validates against the Kubernetes 1.36 schemas', async (bundle) => {
    const objects = parseAllDocuments(await readFile(join(outOf(bundle, 'kubernetes'), 'kubernetes.yaml'), 'utf8')).map((document) => document.toJSON() as Record<string, unknown>);
    expect(objects.length).toBeGreaterThan(3);
    for (const object of objects) expect(() => validateObject(object), JSON.stringify(object.metadata)).not.toThrow();
  });
});

describe('systemd', () => {
  it('systemd-analyze verify complains about a broken unit', async () => {
    const dir = join(root, 'broken-systemd');
    await mkdir(dir);
    await writeFile(join(dir, 'broken.service'), `[Service]\nExecStart=${process.execPath} -e 1\nRestrat=always\n`);
    expect((await run('systemd-analyze', ['verify', join(dir, 'broken.service')], dir)).stderr).toContain("Unknown key 'Restrat'");
  });

  it('systemd-analyze verify accepts every unit of both exports, in one run', async () => {
    const units = (await Promise.all(BUNDLES.map(async (bundle) => (await readdir(outOf(bundle, 'systemd'))).filter((name) => /\.(service|target)$/.test(name)).map((name) => join(outOf(bundle, 'systemd'), name))))).flat();
    expect(units).toHaveLength(12);
    expect(await run('systemd-analyze', ['verify', ...units], root)).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});
