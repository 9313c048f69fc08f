// The server profile end to end on the Notes bundle (issue 19, "Done when"): stdout is JSON lines
// only; services get the bundle env, the --env-file files and the allowlist, not what the test's
// own environment exported; a missing required variable stops start-up with exit 2 naming it;
// --control-host 0.0.0.0 needs an API key, and with one answers 401 without it and 200 with it.
import { readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import type { BerthRun } from './helpers/berth-run.ts';
import { rawRequest } from './helpers/control-http.ts';
import type { Sandbox } from './helpers/sandbox.ts';

const h = useBerthHarness();
const ROOT = resolve(import.meta.dirname, '..');
const KEY = 'notes-operator-key-0123456789';

afterEach(() => {
  delete process.env.NOTES_LEAKY_EXPORT;
});

/** The Notes bundle, run from the repository, on the sandbox's ports, with api requiring NOTES_GREETING. */
async function writeNotes(sb: Sandbox): Promise<void> {
  const notes = JSON.parse(readFileSync(resolve(ROOT, 'bundle.json'), 'utf8').replaceAll('${bundleDir}', ROOT)) as {
    ports: unknown;
    control?: unknown;
    services: Record<string, { requiredEnv?: string[]; ports?: Record<string, { range?: number[] }> }>;
  };
  notes.ports = { range: [sb.portBase, sb.portBase + 39] };
  notes.control = { range: [sb.portBase + 40, sb.portBase + 49] };
  for (const service of Object.values(notes.services)) for (const port of Object.values(service.ports ?? {})) delete port.range;
  (notes.services.api ?? {}).requiredEnv = ['NOTES_GREETING'];
  await writeFile(sb.bundlePath, JSON.stringify(notes));
}

/** Every line of `text` is a server line `{time, level, service, stream, msg, …}`. */
function expectServerLines(text: string): Array<Record<string, unknown>> {
  const lines = text.split('\n').filter((line) => line !== '');
  return lines.map((line) => {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    expect(Object.keys(parsed).slice(0, 5), line).toEqual(['time', 'level', 'service', 'stream', 'msg']);
    expect(['stdout', 'stderr', 'supervisor']).toContain(parsed.stream);
    return parsed;
  });
}

function environOf(pid: number): Record<string, string> {
  return Object.fromEntries(readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]));
}

function server(sb: Sandbox, args: string[]): BerthRun {
  return h.start(sb, { profile: 'server', bundle: sb.bundlePath, args });
}

describe('the server profile on the Notes bundle', () => {
  it('JSON lines only, the env files and the allowlist reach the api, the keyed API on 0.0.0.0', async () => {
    process.env.NOTES_LEAKY_EXPORT = 'exported-by-the-test';
    const sb = await h.sandbox('server');
    await writeNotes(sb);
    await writeFile(sb.path('a.env'), 'NOTES_GREETING=from a.env\nLOG_HINT=first\n');
    await writeFile(sb.path('b.env'), '# later wins\nLOG_HINT=second\n');
    await writeFile(sb.path('key'), `${KEY}\n`);
    const run = server(sb, ['--env-file', sb.path('a.env'), '--env-file', sb.path('b.env'), '--control-host', '0.0.0.0', '--api-key-file', sb.path('key')]);
    const control = await run.controlFile();
    const port = Number(new URL(control.url).port);
    expect((await rawRequest(port, { path: '/status' })).status).toBe(401);
    expect((await rawRequest(port, { path: '/status', token: `${KEY}x` })).status).toBe(401);
    expect((await rawRequest(port, { path: '/status', token: KEY })).status).toBe(200);
    await run.waitForStates(['db', 'api', 'ui'], ['ready']);

    const env = environOf((await run.service('api')).pid ?? 0);
    expect(env.NOTES_GREETING).toBe('from a.env');
    expect(env.LOG_HINT).toBe('second');
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.NOTES_LEAKY_EXPORT).toBeUndefined();
    expect(Object.keys(env).filter((name) => name.startsWith('VITEST'))).toEqual([]);

    run.signal('SIGTERM');
    expect((await run.waitForExit()).code).toBe(0);
    const lines = expectServerLines(run.stdout);
    expect(lines.some((line) => line.service === 'api' && line.stream === 'supervisor' && line.msg === 'starting → ready')).toBe(true);
    expect(lines.some((line) => line.service === 'db' && line.stream === 'stdout')).toBe(true);
    expect(run.stdout).not.toContain(KEY);
    expect(run.stderr).toBe('');
  });

  it('a missing required variable stops start-up with exit 2, naming it, before anything starts', async () => {
    const sb = await h.sandbox('server-missing');
    await writeNotes(sb);
    const run = server(sb, []);
    expect((await run.waitForExit()).code).toBe(2);
    const [fatal, ...rest] = expectFatal(run.stderr);
    expect(rest).toEqual([]);
    expect(fatal).toMatchObject({ level: 'fatal', code: 'ENV_MISSING', exitCode: 2, details: ['services.api.requiredEnv: NOTES_GREETING is not set (looked in: bundle env)'] });
    expectServerLines(run.stdout);
    expect(await readFile(resolve(sb.stateDir, 'supervisor.lock'), 'utf8').catch(() => null)).toBeNull();
  });

  it('--control-host 0.0.0.0 without an API key exits 2 and starts nothing', async () => {
    const sb = await h.sandbox('server-nokey');
    await writeNotes(sb);
    await writeFile(sb.path('a.env'), 'NOTES_GREETING=hi\n');
    const run = server(sb, ['--env-file', sb.path('a.env'), '--control-host', '0.0.0.0']);
    expect((await run.waitForExit()).code).toBe(2);
    const [fatal] = expectFatal(run.stderr);
    expect(String(fatal?.msg)).toMatch(/--control-host 0\.0\.0\.0: a control API beyond loopback needs an API key/);
    expect(run.stdout).toBe('');
  });

  it('an env file with a syntax error exits 2 naming the file and the line', async () => {
    const sb = await h.sandbox('server-badenv');
    await writeNotes(sb);
    await writeFile(sb.path('bad.env'), 'NOTES_GREETING=hi\nOOPS no equals\n');
    const run = server(sb, ['--env-file', 'bad.env']);
    expect((await run.waitForExit()).code).toBe(2);
    expect(String(expectFatal(run.stderr)[0]?.msg)).toBe('berth: --env-file bad.env:2: expected NAME=value');
  });
});

/** stderr of a failed server-profile start: fatal server lines only. */
function expectFatal(stderr: string): Array<Record<string, unknown>> {
  const lines = expectServerLines(stderr);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line.level).toBe('fatal');
  return lines;
}
