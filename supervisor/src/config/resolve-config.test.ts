import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveRunConfig } from './resolve-config.ts';

describe('resolveRunConfig precedence: flag > BERTH_* > file > default', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const cwdWithBundle = () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bundle.json'), '{}');
    return dir;
  };

  it('takes the flag over the environment', () => {
    const cwd = cwdWithBundle();
    const config = resolveRunConfig({ bundle: 'a.json', profile: 'server', controlPort: 5000 }, { BERTH_BUNDLE: 'b.json', BERTH_PROFILE: 'desktop', BERTH_CONTROL_PORT: '6000' }, cwd);
    expect(config).toMatchObject({ bundlePath: join(cwd, 'a.json'), profile: 'server', controlPort: 5000 });
  });

  it('takes the environment over ./bundle.json and defaults', () => {
    const cwd = cwdWithBundle();
    const config = resolveRunConfig({}, { BERTH_BUNDLE: 'b.json', BERTH_PROFILE: 'desktop', BERTH_STATE_DIR: 's' }, cwd);
    expect(config).toMatchObject({ bundlePath: join(cwd, 'b.json'), profile: 'desktop', stateDir: join(cwd, 's'), exitWithParent: true });
  });

  it('falls back to ./bundle.json and the headless profile', () => {
    const cwd = cwdWithBundle();
    expect(resolveRunConfig({}, {}, cwd)).toMatchObject({ bundlePath: join(cwd, 'bundle.json'), profile: 'headless', stateDir: undefined, dashboard: false, exitWithParent: false });
  });

  it('never lets a default override an explicit false', () => {
    const cwd = cwdWithBundle();
    expect(resolveRunConfig({ exitWithParent: false }, { BERTH_PROFILE: 'desktop' }, cwd).exitWithParent).toBe(false);
    expect(resolveRunConfig({}, { BERTH_EXIT_WITH_PARENT: '0', BERTH_PROFILE: 'desktop' }, cwd).exitWithParent).toBe(false);
  });

  it('names the variable of a bad environment value', () => {
    expect(() => resolveRunConfig({}, { BERTH_PROFILE: 'laptop' }, cwdWithBundle())).toThrow(/BERTH_PROFILE/);
  });

  it('says how to give a bundle when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-config-'));
    dirs.push(dir);
    expect(() => resolveRunConfig({}, {}, dir)).toThrow(/--bundle/);
  });
});
