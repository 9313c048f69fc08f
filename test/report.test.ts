// `berth report` (issue 19): one .tar.gz with the state, logs, telemetry, run records, manifest,
// versions and pre-flight — and no secret value in any file of it. A service gets a generated,
// an env-source and a prompted secret in its environment and prints all three; the report is taken
// from the running supervisor (GET /report) and again from disk once it has stopped.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extract } from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import { BERTH } from './helpers/berth-run.ts';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { runCli } from './helpers/cli-run.ts';
import { rawRequest } from './helpers/control-http.ts';

const h = useBerthHarness();
const ENV_SECRET = `env-secret-${Math.random().toString(36).slice(2)}`;
const PROMPTED = `prompted-secret-${Math.random().toString(36).slice(2)}`;
const TALKER = "console.log('gen=' + process.env.GEN + ' env=' + process.env.ENVSEC + ' prompted=' + process.env.PROMPTED); setInterval(() => {}, 1000);";

afterEach(() => {
  delete process.env.REPORT_TEST_TOKEN;
});

/** Every file of a .tar.gz, by path inside it. */
async function unpack(archive: string): Promise<Map<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-report-unpacked-'));
  h.defer(() => rm(dir, { recursive: true, force: true }));
  await extract({ file: archive, cwd: dir });
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(dir, path).split('/').slice(1).join('/'), await readFile(path, 'utf8'));
    }
  };
  await walk(dir);
  return files;
}

function expectNoSecret(files: Map<string, string>, secrets: readonly string[]): void {
  for (const [name, text] of files) for (const secret of secrets) expect(text.includes(secret), `${secret} in ${name}`).toBe(false);
}

describe('berth report', () => {
  it('holds everything a bug report needs and no secret value, live and from disk', async () => {
    process.env.REPORT_TEST_TOKEN = ENV_SECRET;
    const sb = await h.sandbox('report');
    await sb.writeBundle(
      // The description holds a secret value too: bundle.json is copied into the report, through the redactor.
      { talker: { command: ['${node}', '-e', TALKER], description: `talks; token ${ENV_SECRET}`, secrets: { GEN: 'env', ENVSEC: 'env', PROMPTED: 'env' } } },
      { secrets: { GEN: { generate: 16 }, ENVSEC: { env: 'REPORT_TEST_TOKEN' }, PROMPTED: { prompt: 'A prompted value' } } },
    );
    const run = h.start(sb);
    await run.waitForStates(['talker'], ['waiting-secrets']);
    const control = await run.controlFile();
    const port = Number(new URL(control.url).port);
    expect((await rawRequest(port, { method: 'POST', path: '/secrets', token: control.token, body: JSON.stringify({ PROMPTED }), headers: { 'content-type': 'application/json' } })).status).toBe(200);
    await run.waitForStates(['talker'], ['running']);
    await run.waitFor('the talker to print', () => /gen=\*+ env=\*+ prompted=\*+/.test(run.stdout));
    const generated = (await readFile(join(sb.stateDir, 'secrets', 'generated', 'GEN'), 'utf8')).trim();
    const secrets = [generated, ENV_SECRET, PROMPTED];

    const liveFile = sb.path('live.tar.gz');
    const live = await runCli([process.execPath, BERTH, 'report', '--state-dir', sb.stateDir, '-o', liveFile, '--json']);
    expect(live.code, live.stderr).toBe(0);
    expect(JSON.parse(live.stdout)).toMatchObject({ path: liveFile, live: true });
    const files = await unpack(liveFile);
    expect([...files.keys()].sort()).toEqual(expect.arrayContaining(['bundle.json', 'logs/talker.log', 'preflight.json', 'state.json', 'telemetry.jsonl', 'versions.json']));
    expect([...files.keys()].some((name) => /^runs\/talker\/.+\.json$/.test(name))).toBe(true);
    expect(files.get('logs/talker.log')).toMatch(/gen=\*{6} env=\*{6} prompted=\*{6}/);
    expect(JSON.parse(files.get('state.json') ?? '')).toMatchObject({ live: true, status: { services: [{ name: 'talker', state: 'running' }] } });
    expect(JSON.parse(files.get('versions.json') ?? '')).toMatchObject({ node: process.version });
    expect([...files.keys()].some((name) => name.includes('control') || name.includes('secrets'))).toBe(false);
    expect(files.get('bundle.json')).toContain('talks; token ******');
    expectNoSecret(files, secrets);

    run.signal('SIGTERM');
    expect((await run.waitForExit()).code).toBe(0);
    const offline = await runCli([process.execPath, BERTH, 'report', '--state-dir', sb.stateDir, '--bundle', sb.bundlePath], { env: { BERTH_STATE_DIR: '' } });
    expect(offline.code, offline.stderr).toBe(0);
    const written = /^wrote (.+\.tar\.gz) \(no supervisor running: last known state/.exec(offline.stdout)?.[1] ?? '';
    expect(written).toMatch(/berth-report-dev\.berth\.e2e-\d{8}T\d{6}Z\.tar\.gz$/);
    h.defer(() => rm(written, { force: true }));
    const fromDisk = await unpack(written);
    expect(JSON.parse(fromDisk.get('state.json') ?? '')).toMatchObject({ live: false, services: { talker: { state: 'stopped' } } });
    expect(fromDisk.get('logs/talker.log')).toMatch(/gen=\*{6} env=\*{6} prompted=\*{6}/);
    expectNoSecret(fromDisk, secrets);
  });
});
