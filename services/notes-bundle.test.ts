// The Notes bundle (the root bundle.json): valid for the supervisor's own parser, wired to what the services read, and
// runnable as written. The stack test starts each service the way the manifest describes
// (templates expanded, the secret injected as env, dependency order) on free ports.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import getPort from 'get-port';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { SERVICE_NAMES, buildServices } from '../scripts/build/services.ts';
import { expandTemplate, findManifestProblems } from '../supervisor/src/manifest/index.ts';
import type { BundleManifest } from '../supervisor/src/manifest/index.ts';
import { NODE_BINARY, ProcessTracker, runToCompletion } from './testing/processes.ts';
import { makeTempDir, requestJson, waitForHttp } from './testing/stack.ts';

const MANIFEST_PATH = fileURLToPath(new URL('../bundle.json', import.meta.url));

const loadManifest = async (): Promise<BundleManifest> => {
  const { problems, manifest } = findManifestProblems(await readFile(MANIFEST_PATH, 'utf8'));
  expect(problems).toEqual([]);
  if (manifest === undefined) throw new Error('no manifest');
  return manifest;
};

const tracker = new ProcessTracker();
let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir('notes-bundle');
});
afterEach(async () => {
  await tracker.stopAll();
  await temp.remove();
});

test('the manifest is valid, uses every dependency condition and gives DB_TOKEN only where needed', async () => {
  const manifest = await loadManifest();
  const conditions = new Set(Object.values(manifest.services).flatMap((service) => Object.values(service.dependsOn)));
  expect([...conditions].sort()).toEqual(['completed', 'ready', 'started']);
  expect(manifest.secrets.DB_TOKEN?.generate).toBe(32);
  const holders = Object.entries(manifest.services).filter(([, service]) => service.secrets.DB_TOKEN === 'env').map(([name]) => name);
  expect(holders.sort()).toEqual(['api', 'db', 'migrate']);
  expect(manifest.services.migrate).toMatchObject({ kind: 'task', when: ['first-start', 'upgrade'] });
  expect(manifest.services.ui?.readiness?.log).toBe('READY');
  expect(manifest.ui).toEqual({ service: 'ui', port: 'http', path: '/' });
  // Each long-lived service can be stopped cleanly where there is no SIGTERM (Windows).
  const services = Object.entries(manifest.services).filter(([, service]) => service.kind === 'service');
  expect(services.filter(([, service]) => service.shutdown.stdin).map(([name]) => name)).toEqual(services.map(([name]) => name));
  // Every command runs a file the services build produces.
  const scripts = Object.values(manifest.services).map((service) => service.command.join(' '));
  expect(scripts.sort()).toEqual(SERVICE_NAMES.map((name) => `\${node} \${bundleDir}/dist/services/${name}.mjs`).sort());
});

test('the bundle runs as written: start in order, use the app, stop, start again without re-migrating', async () => {
  const manifest = await loadManifest();
  const bundleDir = temp.dir;
  await buildServices({ outDir: join(bundleDir, 'dist', 'services') });
  const ports: Record<string, Record<string, number>> = {};
  for (const [name, service] of Object.entries(manifest.services)) {
    for (const portName of Object.keys(service.ports)) (ports[name] ??= {})[portName] = await getPort();
  }
  const values = {
    ports,
    variables: { node: NODE_BINARY, bundleDir, dataDir: join(bundleDir, 'data'), logsDir: join(bundleDir, 'logs') },
  };
  const secrets: Record<string, string> = { DB_TOKEN: 'generated-token-for-this-test-0123456789' };
  const launch = (name: string) => {
    const service = manifest.services[name];
    if (service === undefined) throw new Error(`no service ${name}`);
    const env = Object.fromEntries(Object.entries(service.env).map(([key, value]) => [key, expandTemplate(value, values)]));
    for (const [secret, how] of Object.entries(service.secrets)) if (how === 'env') env[secret] = secrets[secret] ?? '';
    const [program = '', ...args] = service.command.map((part) => expandTemplate(part, values));
    expect(program).toBe(NODE_BINARY);
    expect(args).toHaveLength(1);
    return { script: args[0] ?? '', env, stdin: service.shutdown.stdin ? ('pipe' as const) : ('ignore' as const) };
  };
  const readinessUrl = (name: string) => {
    const http = manifest.services[name]?.readiness?.http;
    if (http === undefined) throw new Error(`${name} has no http readiness probe`);
    return `http://${http.host}:${ports[name]?.[http.port]}${http.path}`;
  };
  const startAll = async () => {
    const db = launch('db');
    const dbProcess = tracker.start(db.script, db.env, db.stdin);
    await waitForHttp(readinessUrl('db'));
    const migrate = launch('migrate');
    const migrated = await runToCompletion(migrate.script, migrate.env);
    expect(migrated.code, migrated.output).toBe(0);
    const api = launch('api');
    const apiProcess = tracker.start(api.script, api.env, api.stdin);
    const ui = launch('ui');
    const uiProcess = tracker.start(ui.script, ui.env, ui.stdin);
    await uiProcess.waitForLine(manifest.services.ui?.readiness?.log ?? 'READY');
    await waitForHttp(readinessUrl('api'));
    return { migrated, uiUrl: `http://127.0.0.1:${ports.ui?.http}${manifest.ui?.path ?? '/'}`, running: [uiProcess, apiProcess, dbProcess] };
  };

  const first = await startAll();
  expect(first.migrated.output).toContain('applied 001-create-notes');
  expect((await fetch(first.uiUrl)).status).toBe(200);
  const created = await requestJson(`${first.uiUrl}api/notes`, { method: 'POST', body: { title: 'Kept across restarts' } });
  expect(created.status).toBe(201);
  // Stopped as Berth stops them on every OS (shutdown.stdin), dependents first: no signal at all.
  for (const service of first.running) {
    service.child.stdin?.end();
    expect(await service.exited, service.output()).toEqual({ code: 0, signal: null });
    expect(service.output()).toMatch(/"msg":"shutting down".*"stdin":"closed"/);
  }

  const second = await startAll();
  expect(second.migrated.output).toContain('nothing to apply');
  const listed = await requestJson(`${second.uiUrl}api/notes`);
  expect(listed.json.items.map((note: { title: string }) => note.title)).toEqual(['Kept across restarts']);
});
