// The packaged desktop app, built here: electron-builder `--linux dir` with this repo's config on a
// stand-in Electron (scripts/packaging/stand-in-electron.ts: Node 24 carrying Electron's fuse wire),
// once for the file. Checks what electron-builder made of it — the fuses @electron/fuses flipped,
// the asar, the resources — and runs the packaged supervisor and the Notes bundle from resources/
// on the app's own binary, as the shell does, until its stdin closes.
import asar from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { FuseState } from '@electron/fuses/dist/constants.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusResponse } from '../../supervisor/src/control/contract.ts';
import { linuxUnpacked, packageApp, standInBuilderArgs } from '../../scripts/packaging/package-app.ts';
import { createStandInElectron } from '../../scripts/packaging/stand-in-electron.ts';
import { ProcessTracker } from '../../test/helpers/process-groups.ts';
import { createHttpRuntimeClient } from '../main/client/http-client.ts';
import { buildSupervisorCommand, resolveSupervisorPaths } from '../main/supervision/command.ts';
import { readHandshake } from '../main/supervision/handshake.ts';
import { waitFor } from './helpers.ts';

let temp = '';
let app: ReturnType<typeof linuxUnpacked>;
let standInWire: Awaited<ReturnType<typeof getCurrentFuseWire>>;

beforeAll(async () => {
  temp = await mkdtemp(path.join(tmpdir(), 'berth-packaged-'));
  const electronDist = await createStandInElectron(path.join(temp, 'stand-in-electron'));
  standInWire = await getCurrentFuseWire(path.join(electronDist, 'electron'));
  const cache = path.join(temp, 'cache');
  const started = performance.now();
  // An empty cache of its own: anything electron-builder downloaded would land there.
  await packageApp(
    { builderArgs: standInBuilderArgs([]), electronDist, outputDir: path.join(temp, 'release') },
    { stdio: 'pipe', env: { ELECTRON_BUILDER_CACHE: cache, ELECTRON_CACHE: cache } },
  );
  console.info(`packaged with electron-builder --linux dir in ${Math.round(performance.now() - started)} ms`);
  await expect(readdir(cache)).rejects.toMatchObject({ code: 'ENOENT' });
  app = linuxUnpacked(path.join(temp, 'release'));
}, 120_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it, with forward slashes. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

const isTestFile = (file: string) => /(^|\/)(test|tests|testing|__tests__)\/|\.(test|spec)\.[cm]?[jt]sx?$/.test(file);

describe('the packaged app (electron-builder --linux dir on a stand-in Electron)', () => {
  it('carries the fuses of the config, flipped by @electron/fuses on the app binary', async () => {
    // Electron's defaults before packaging: cookie encryption off, NODE_OPTIONS and --inspect on.
    expect(standInWire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.DISABLE);
    expect(standInWire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.ENABLE);
    const wire = await getCurrentFuseWire(app.executable);
    expect(wire.version).toBe('1');
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspectArguments: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrityValidation: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
    }).toEqual({
      runAsNode: FuseState.ENABLE,
      cookieEncryption: FuseState.ENABLE,
      nodeOptions: FuseState.DISABLE,
      inspectArguments: FuseState.DISABLE,
      asarIntegrityValidation: FuseState.ENABLE,
      onlyLoadAppFromAsar: FuseState.ENABLE,
    });
  });

  it('packs main, preload and the dashboard into the asar, without source maps, node_modules or tests', async () => {
    const archive = path.join(app.resources, 'app.asar');
    const files = asar.listPackage(archive, { isPack: false }).map((file) => file.replace(/^[\\/]/, '').split(path.sep).join('/'));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']));
    // Every script and stylesheet the dashboard's page loads is in the archive.
    const html = asar.extractFile(archive, 'dist/renderer/index.html').toString('utf8');
    const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((match) => `dist/renderer/${match[1]}`);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    expect(files).toEqual(expect.arrayContaining(assets));
    expect(files.filter((file) => file.endsWith('.map') || file.includes('node_modules/') || isTestFile(file))).toEqual([]);
    expect(JSON.parse(asar.extractFile(archive, 'package.json').toString('utf8'))).toMatchObject({ main: 'dist/electron/main.cjs' });
    const { size } = await stat(archive);
    console.info(`app.asar: ${size} bytes (${(size / 1024 / 1024).toFixed(2)} MiB), ${files.length} entries`);
    expect(size).toBeLessThan(10 * 1024 * 1024);
  });

  it('ships the supervisor, the bundle (bundle.json and its built services, in a folder of their own) and the tray icons beside it, without source maps or tests', async () => {
    const resources = (await listFiles(app.resources)).filter((file) => file !== 'app.asar');
    expect(resources).toEqual(expect.arrayContaining(['supervisor/berth.mjs', 'supervisor/berth-main.cjs', 'bundle/bundle.json', 'bundle/dist/services/api.mjs', 'bundle/dist/services/ui/public/index.html', 'tray/tray-ready.png']));
    expect(resources.filter((file) => file.startsWith('bundle/') && !file.startsWith('bundle/dist/services/') && file !== 'bundle/bundle.json')).toEqual([]);
    expect(resources.filter((file) => file.endsWith('.map') || file.includes('node_modules/') || isTestFile(file))).toEqual([]);
  });

  it('runs the Notes bundle from resources/ on the app binary as the shell does; closing stdin leaves no process', async () => {
    const userData = path.join(temp, 'user-data');
    const paths = resolveSupervisorPaths({ packaged: true, resourcesPath: app.resources, repoRoot: path.join(temp, 'no-repo'), userData });
    expect(paths).toEqual({ script: path.join(app.resources, 'supervisor', 'berth.mjs'), bundle: path.join(app.resources, 'bundle', 'bundle.json'), stateDir: path.join(userData, 'state'), seed: true });
    // The launcher's command (ELECTRON_RUN_AS_NODE=1 on the app's binary) and spawnSupervisor's
    // pipes, spawned here so the test holds the supervisor's stdin.
    const command = buildSupervisorCommand({ runtime: app.executable, runAsNode: true, paths, baseEnv: process.env });
    expect(command.env.ELECTRON_RUN_AS_NODE).toBe('1');
    const tracker = new ProcessTracker();
    const stderr: string[] = [];
    const child: ChildProcess = spawn(command.command, command.args, { cwd: path.dirname(paths.bundle), env: command.env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => void stderr.push(chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    try {
      if (!child.stdout || !child.stdin || child.pid === undefined) throw new Error('no pipes');
      tracker.addPid(child.pid, 'supervisor');
      const connection = await readHandshake(child.stdout, { timeoutMs: 20_000, exited });
      expect(connection.pid).toBe(child.pid);
      const client = createHttpRuntimeClient(connection);
      let status: StatusResponse | null = null;
      await waitFor(async () => {
        status = await client.status();
        for (const service of status.services) if (service.pid !== null) tracker.addGroup(service.pid, service.name);
        return status.supervisor.state === 'ready';
      }, 30_000, 'the Notes bundle to be ready').catch((error: unknown) => {
        throw new Error(`${String(error)}; status: ${JSON.stringify(status)}; stderr:\n${stderr.join('').slice(-3000)}`);
      });
      const ready = status as StatusResponse | null;
      expect(ready?.supervisor).toMatchObject({ profile: 'desktop', stateDir: paths.stateDir });
      // The shipped bundle was installed as a version (the first start) and that version runs.
      expect(JSON.parse(await readFile(path.join(paths.stateDir, 'current.json'), 'utf8'))).toMatchObject({ version: ready?.app.version });
      expect(existsSync(path.join(paths.stateDir, 'bundles', ready?.app.version ?? '', 'dist', 'services', 'api.mjs'))).toBe(true);
      // `${node}` is the supervisor's own runtime: the services run on the app's binary too.
      const api = ready?.services.find((service) => service.name === 'api');
      expect(await realpath(`/proc/${api?.pid}/exe`)).toBe(await realpath(app.executable));

      const uiUrl = ready?.uiUrl ?? '';
      const page = await fetch(uiUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Notes</title>');
      const created = await fetch(new URL('api/notes', uiUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'packaged', body: 'from resources/' }) });
      expect(created.status).toBe(201);
      const listed = (await (await fetch(new URL('api/notes', uiUrl))).json()) as unknown;
      expect(JSON.stringify(listed)).toContain('from resources/');

      child.stdin.end();
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(await tracker.waitGone(5_000)).toEqual([]);
    } finally {
      tracker.killAll();
      child.kill('SIGKILL');
    }
  });
});
