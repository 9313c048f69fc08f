// The real launcher (built by scripts/build/supervisor.ts) in front of a small CommonJS bundle of
// our own, run as real Node processes with the cache in a temp folder.
import { spawn } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildLauncher } from '../../scripts/build/supervisor.ts';

const BUILD_ID = 'abcdef0123456789';

// The bundle under the launcher: reports what CommonJS gives it; `run` stays up until SIGTERM.
const BUNDLE = `'use strict';
const { basename } = require('node:path');
function describeModule() {
  return { argv: process.argv.slice(2), file: basename(__filename), dir: __dirname, exportsIsObject: typeof module.exports === 'object' && module.exports === exports };
}
const MARK = 'AAAA';
if (process.argv[2] === 'run' && process.env.FAIL_EARLY === '1') {
  process.exitCode = 1;
} else if (process.argv[2] === 'run') {
  process.on('SIGTERM', () => process.exit(0));
  setInterval(() => undefined, 1000);
  process.stdout.write('up\\n');
} else {
  process.stdout.write(JSON.stringify({ ...describeModule(), mark: MARK }) + '\\n');
  process.exitCode = Number(process.env.EXIT_WITH ?? 0);
}
`;

/** A copy of `bytes` with one bit of byte `at` flipped. */
function flipByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy.writeUInt8(copy.readUInt8(at) ^ 0x10, at);
  return copy;
}

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('the berth launcher', () => {
  let dir = '';
  let cacheDir = '';
  let launcher = '';
  const children = new Set<ReturnType<typeof spawn>>();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-launcher-'));
    cacheDir = join(dir, 'cache');
    launcher = join(dir, 'app', 'berth.mjs');
    await mkdir(join(dir, 'app'));
    await writeFile(join(dir, 'app', 'berth-main.cjs'), BUNDLE);
    await buildLauncher({ outfile: launcher, buildId: BUILD_ID });
  });

  afterEach(async () => {
    for (const child of children) child.kill('SIGKILL');
    children.clear();
    await rm(dir, { recursive: true, force: true });
  });

  function start(args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs?: string[]) {
    const base: NodeJS.ProcessEnv = { ...process.env, NODE_COMPILE_CACHE: cacheDir };
    delete base.NODE_DISABLE_COMPILE_CACHE;
    delete base.NODE_OPTIONS;
    const child = spawn(process.execPath, [...(nodeArgs ?? []), launcher, ...args], { env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<Ran>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
    return { child, exited, output: () => stdout };
  }

  const run = (args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs?: string[]) => start(args, env, nodeArgs).exited;

  async function cacheFiles(): Promise<string[]> {
    return (await readdir(cacheDir).catch(() => [])).filter((name) => name.startsWith('berth-') && name.endsWith('.v8cache')).sort();
  }

  async function fileId(name: string): Promise<string> {
    const info = await stat(join(cacheDir, name));
    return `${info.ino}:${info.mtimeMs}:${info.size}`;
  }

  it('runs the bundle as CommonJS with its arguments and exit code', async () => {
    const ran = await run(['status', '--json'], { EXIT_WITH: '3' });
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(3);
    expect(JSON.parse(ran.stdout)).toEqual({ argv: ['status', '--json'], file: 'berth-main.cjs', dir: join(dir, 'app'), exportsIsObject: true, mark: 'AAAA' });
  });

  it('writes the cache once, at exit, and V8 accepts it on the next start (the file is left alone)', async () => {
    expect((await run(['status'])).code).toBe(0);
    const [name, ...others] = await cacheFiles();
    expect(others).toEqual([]);
    expect(name).toMatch(new RegExp(`^berth-${BUILD_ID}-.*-cli\\.v8cache$`));
    expect((await stat(cacheDir)).mode & 0o022).toBe(0);
    expect((await stat(join(cacheDir, name ?? ''))).mode & 0o777).toBe(0o600);
    const first = await fileId(name ?? '');
    expect((await run(['status'])).code).toBe(0);
    expect(await fileId(name ?? '')).toBe(first);
  });

  it('never hands V8 a damaged cache: a flipped byte or junk is refused, the bundle runs, the file is replaced', async () => {
    await run(['status']);
    const [name = ''] = await cacheFiles();
    const good = await readFile(join(cacheDir, name));
    for (const damaged of [flipByte(good, Math.floor(good.length / 2)), flipByte(good, good.length - 10), Buffer.alloc(4096, 7)]) {
      await writeFile(join(cacheDir, name), damaged);
      const ran = await run(['status']);
      expect(ran.code).toBe(0);
      expect(JSON.parse(ran.stdout)).toMatchObject({ argv: ['status'] });
      expect((await readFile(join(cacheDir, name))).equals(damaged)).toBe(false);
    }
    const id = await fileId(name);
    await run(['status']);
    expect(await fileId(name)).toBe(id);
  });

  it("runs a changed bundle's code even when it has the same length and build id", async () => {
    await run(['status']);
    const bundle = join(dir, 'app', 'berth-main.cjs');
    await writeFile(bundle, (await readFile(bundle, 'utf8')).replace("const MARK = 'AAAA'", "const MARK = 'BBBB'"));
    expect(JSON.parse((await run(['status'])).stdout)).toMatchObject({ mark: 'BBBB' });
  });

  it('takes the supervisor cache (run) about 2 s into the run, while it is still running', async () => {
    const supervisor = start(['run']);
    const deadline = Date.now() + 10_000;
    while ((await cacheFiles()).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(supervisor.child.exitCode).toBeNull();
    expect(supervisor.output()).toBe('up\n');
    expect(await cacheFiles()).toEqual([expect.stringMatching(/-run\.v8cache$/)]);
    supervisor.child.kill('SIGTERM');
    expect((await supervisor.exited).code).toBe(0);
  });

  it('takes no cache from a start that failed (exit code not 0), and one from a run stopped early and cleanly', async () => {
    expect((await run(['run'], { FAIL_EARLY: '1' })).code).toBe(1);
    expect((await run(['status'], { EXIT_WITH: '2' })).code).toBe(2);
    expect(await cacheFiles()).toEqual([]);
    const supervisor = start(['run']);
    while (supervisor.output() === '') await new Promise((resolve) => setTimeout(resolve, 20));
    supervisor.child.kill('SIGTERM');
    expect((await supervisor.exited).code).toBe(0);
    expect(await cacheFiles()).toEqual([expect.stringMatching(/-run\.v8cache$/)]);
  });

  it('keeps no cache where Node maps stack traces through source maps (--enable-source-maps)', async () => {
    const ran = await run(['status'], {}, ['--enable-source-maps']);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ argv: ['status'], file: 'berth-main.cjs' });
    expect(await cacheFiles()).toEqual([]);
  });

  it('does not use a cache folder that is a symlink, even to a folder of ours', async () => {
    const real = join(dir, 'real-cache');
    await mkdir(real, { mode: 0o700 });
    await symlink(real, cacheDir);
    expect((await run(['status'])).code).toBe(0);
    // (Node's own compile cache, on because NODE_COMPILE_CACHE is set, may use it; Berth's not.)
    expect((await readdir(real)).filter((name) => name.startsWith('berth-'))).toEqual([]);
  });

  it('keeps no cache when NODE_DISABLE_COMPILE_CACHE is set, or when others may write the folder', async () => {
    expect((await run(['status'], { NODE_DISABLE_COMPILE_CACHE: '' })).code).toBe(0);
    expect(await cacheFiles()).toEqual([]);
    await mkdir(cacheDir, { recursive: true });
    await chmod(cacheDir, 0o777);
    const ran = await run(['status']);
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({ argv: ['status'] });
    expect(await cacheFiles()).toEqual([]);
  });

  it("removes caches nobody wrote for a week and killed writers' temp files; keeps another version's cache in use", async () => {
    await run(['status']);
    const [current = ''] = await cacheFiles();
    const otherVersion = current.replace(BUILD_ID, '0000000000000000'); // a second berth sharing the folder
    const oldBuild = current.replace(BUILD_ID, '1111111111111111');
    const otherRuntime = otherVersion.replace(/-v8-[^-]+-/, '-v8-12.4.254-electron-');
    const staleTemp = `${otherVersion}.99999.abc.tmp`;
    const freshTemp = `${current}.99998.abc.tmp`;
    for (const name of [otherVersion, oldBuild, otherRuntime, staleTemp, freshTemp, 'unrelated.bin']) await writeFile(join(cacheDir, name), 'x');
    const minutesAgo = new Date(Date.now() - 10 * 60_000);
    const weeksAgo = new Date(Date.now() - 8 * 24 * 60 * 60_000);
    await utimes(join(cacheDir, staleTemp), minutesAgo, minutesAgo);
    for (const name of [oldBuild, otherRuntime, 'unrelated.bin']) await utimes(join(cacheDir, name), weeksAgo, weeksAgo);
    await rm(join(cacheDir, current));
    await run(['status']);
    const left = (await readdir(cacheDir)).filter((name) => name.startsWith('berth-') || name === 'unrelated.bin');
    expect(left.sort()).toEqual([current, otherVersion, freshTemp, 'unrelated.bin'].sort());
  });
});
