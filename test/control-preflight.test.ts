// The pre-flight against the real file system and real sockets, plus the handshake line and
// control.json (0600, atomic, removed only by its owner).
import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlReady } from '../supervisor/src/control/contract.ts';
import { formatControlReady, readControlFile, removeControlFile, runPreflight, writeControlFile } from '../supervisor/src/control/index.ts';
import { BundleManifest } from '../supervisor/src/manifest/schema.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-preflight-'));
});
afterEach(async () => {
  await chmod(join(dir, 'state'), 0o700).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function busyPort(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('runPreflight', () => {
  it('reports missing programs, busy fixed ports, missing secrets and an unwritable state dir, each with a fix', async () => {
    const held = await busyPort();
    const own = await busyPort();
    await mkdir(join(dir, 'bin'));
    await writeFile(join(dir, 'bin', 'not-exec'), '#!/bin/sh\n', { mode: 0o644 });
    const manifest = BundleManifest.parse({
      schemaVersion: 1,
      app: { id: 'dev.berth.test', name: 'T', version: '1.0.0' },
      secrets: { API_KEY: { prompt: 'key' }, FROM_ENV: { env: 'SOME_VAR' } },
      services: {
        node: { command: ['${node}', 'x.js'], ports: { http: { fixed: own.port } } },
        bare: { command: ['no-such-program-berth'], secrets: { API_KEY: 'env' } },
        rel: { command: ['./bin/not-exec'], ports: { http: { fixed: held.port } }, secrets: { FROM_ENV: 'file', API_KEY: 'file' } },
        sh: { command: ['sh', '-c', 'true'] },
      },
    });
    await mkdir(join(dir, 'state'), { mode: 0o500 });
    const result = await runPreflight({
      manifest,
      bundleDir: dir,
      stateDir: join(dir, 'state'),
      secrets: { missingFor: (spec) => Object.keys(spec.secrets).sort() },
      resolveCommand: (_name, spec) => ({ file: spec.command[0] === '${node}' ? process.execPath : (spec.command[0] ?? ''), cwd: dir }),
      manifestWarnings: [{ path: 'services.sh', message: 'no readiness probe' }],
      ownPorts: new Set([own.port]),
    });
    await held.close();
    await own.close();
    expect(result.ok).toBe(false);
    const summary = result.problems.map((p) => `${p.check} ${p.severity} ${p.path ?? '-'}`);
    expect(summary).toEqual([
      'manifest warning services.sh',
      'binary error services.bare.command[0]',
      'binary error services.rel.command[0]',
      `port error services.rel.ports.http.fixed`,
      'secret error secrets.API_KEY',
      'secret error secrets.FROM_ENV',
      ...(process.getuid?.() === 0 ? [] : ['state-dir error -']),
    ]);
    for (const problem of result.problems) expect(problem.fix.length).toBeGreaterThan(10);
    expect(result.problems.find((p) => p.path === 'secrets.API_KEY')?.message).toContain('bare, rel');
    expect(result.problems.find((p) => p.path === 'secrets.API_KEY')?.fix).toContain('berth secrets set API_KEY');
  });

  it('is ok for a runnable bundle', async () => {
    const manifest = BundleManifest.parse({ schemaVersion: 1, app: { id: 'dev.berth.ok', name: 'T', version: '1.0.0' }, services: { a: { command: ['sh'] } } });
    const result = await runPreflight({ manifest, bundleDir: dir, stateDir: dir, secrets: { missingFor: () => [] }, resolveCommand: () => ({ file: 'sh', cwd: dir }) });
    expect(result).toEqual({ ok: true, problems: [] });
  });
});

describe('handshake and control.json', () => {
  it('prints one control-ready JSON line', () => {
    const line = formatControlReady({ url: 'http://127.0.0.1:47001', token: 'a'.repeat(43), pid: 42 });
    expect(line.endsWith('\n')).toBe(true);
    expect(line.trim().includes('\n')).toBe(false);
    expect(ControlReady.parse(JSON.parse(line))).toEqual({ type: 'control-ready', url: 'http://127.0.0.1:47001', token: 'a'.repeat(43), pid: 42 });
  });

  it('writes control.json 0600, reads it back, and removes it only for its owner', async () => {
    await writeControlFile(dir, { url: 'http://127.0.0.1:47001', token: 't'.repeat(43), pid: process.pid });
    expect((await stat(join(dir, 'control.json'))).mode & 0o777).toBe(0o600);
    expect((await readControlFile(dir))?.pid).toBe(process.pid);
    await removeControlFile(dir, process.pid + 1);
    expect(await readControlFile(dir)).not.toBeNull();
    await removeControlFile(dir, process.pid);
    expect(await readControlFile(dir)).toBeNull();
  });

  it('calls a malformed control.json out', async () => {
    await writeFile(join(dir, 'control.json'), '{"url": 1}');
    await expect(readControlFile(dir)).rejects.toThrow(/malformed/);
  });
});
