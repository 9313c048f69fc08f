// electron-builder.config.cjs: loads, has what DESIGN §9 asks for, references files that exist,
// and passes electron-builder's own schema validation (app-builder-lib's validateConfiguration).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import plist from 'plist';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './helpers.ts';

const require = createRequire(import.meta.url);
type FileSet = { from: string; to: string; filter?: string[] };
interface BuilderConfig {
  appId: string;
  productName: string;
  asar: boolean;
  files: string[];
  extraResources: FileSet[];
  electronFuses: Record<string, boolean>;
  mac: { target: string[]; hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean; icon: string };
  win: { target: string[]; icon: string };
  msi: { upgradeCode: string; perMachine: boolean };
  nsis: { perMachine: boolean };
  linux: { target: string[]; icon: string; desktop: { entry: Record<string, string> } };
}

const CONFIG_PATH = path.join(REPO_ROOT, 'electron-builder.config.cjs');
const load = (): BuilderConfig => {
  Reflect.deleteProperty(require.cache, CONFIG_PATH);
  return require(CONFIG_PATH) as BuilderConfig;
};
const config = load();

describe('electron-builder configuration', () => {
  it('names the app and packs it into an asar', () => {
    expect(config.appId).toMatch(/^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/i);
    expect(config.productName.length).toBeGreaterThan(0);
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*', 'package.json']));
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });

  it('ships the supervisor, bundle.json and services as extraResources where main looks for them', () => {
    const byFrom = Object.fromEntries(config.extraResources.map((set) => [set.from, set.to]));
    expect(byFrom).toMatchObject({ 'dist/supervisor': 'supervisor', 'bundle.json': 'bundle/bundle.json', 'dist/services': 'bundle/dist/services', 'build/tray': 'tray' });
  });

  it('keeps the RunAsNode fuse on (the supervisor runs on Electron as Node) and NODE_OPTIONS off', () => {
    expect(config.electronFuses).toMatchObject({ runAsNode: true, enableNodeOptionsEnvironmentVariable: false });
  });

  it('builds a hardened, notarisable DMG, an MSI with a fixed upgrade code plus NSIS, and an AppImage', () => {
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
    expect(config.win.target).toEqual(['nsis', 'msi']);
    expect(config.msi.upgradeCode).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    expect(config.msi.perMachine).toBe(false);
    expect(config.nsis.perMachine).toBe(false);
    expect(config.linux.target).toEqual(['AppImage']);
    expect(config.linux.desktop.entry).toMatchObject({ Name: config.productName, Categories: 'Development;' });
  });

  it('notarises only when Apple credentials are in the environment', () => {
    const saved = { ...process.env };
    try {
      for (const key of Object.keys(process.env)) if (key.startsWith('APPLE_')) Reflect.deleteProperty(process.env, key);
      expect(load().mac.notarize).toBe(false);
      Object.assign(process.env, { APPLE_ID: 'a@b.c', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' });
      expect(load().mac.notarize).toBe(true);
    } finally {
      for (const key of Object.keys(process.env)) if (!(key in saved)) Reflect.deleteProperty(process.env, key);
      Object.assign(process.env, saved);
    }
  });

  it('references files that exist (icons, entitlements; sources outside dist/)', () => {
    const files = [config.mac.icon, config.mac.entitlements, config.mac.entitlementsInherit, config.win.icon, 'build/icon.png', `${config.linux.icon}/512x512.png`, `${config.linux.icon}/16x16.png`];
    for (const file of files) expect(existsSync(path.join(REPO_ROOT, file)), file).toBe(true);
    for (const state of ['starting', 'ready', 'degraded', 'failed']) {
      for (const name of [`tray-${state}.png`, `tray-${state}@2x.png`, `tray-${state}Template.png`, `tray-${state}Template@2x.png`]) {
        expect(existsSync(path.join(REPO_ROOT, 'build/tray', name)), name).toBe(true);
      }
    }
    // dist/ is produced by `npm run build`, which `npm run dist` runs first; bundle.json is the lead's.
    for (const set of config.extraResources.filter((s) => !s.from.startsWith('dist/') && s.from !== 'bundle.json')) {
      expect(existsSync(path.join(REPO_ROOT, set.from)), set.from).toBe(true);
    }
  });

  it('gives the hardened runtime what V8 needs in every process on the app binary, and nothing more', () => {
    // The supervisor (ELECTRON_RUN_AS_NODE=1) and the services (`${node}`) run on the app's own
    // binary, so its entitlements are theirs: V8's JIT (MAP_JIT), executable memory outside MAP_JIT,
    // and native addons signed by others (library validation off). The same three keys as VS Code's
    // bundled Node (build/azure-pipelines/darwin/server-entitlements.plist) and electron-builder's
    // default; no get-task-allow (notarisation refuses it) and no DYLD_* variables.
    expect(config.mac.entitlementsInherit).toBe(config.mac.entitlements);
    const entitlements = plist.parse(readFileSync(path.join(REPO_ROOT, config.mac.entitlements), 'utf8'));
    expect(entitlements).toEqual({
      'com.apple.security.cs.allow-jit': true,
      'com.apple.security.cs.allow-unsigned-executable-memory': true,
      'com.apple.security.cs.disable-library-validation': true,
    });
  });

  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, debug: { isEnabled: boolean; add: () => void }) => Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, msi: { ...config.msi, upgradeKode: 'x' } }, { isEnabled: false, add: () => undefined })).rejects.toThrow(/configuration\.msi/);
  });
});
