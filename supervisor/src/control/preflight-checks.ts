// The individual checks of the pre-flight (GET /validate, `berth validate`): is a program there
// and executable, is a port free, can the state dir be written. Each takes its I/O as a function
// so tests can replace it.
import { constants } from 'node:fs';
import { access, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** True when `path` is a regular file we may execute. */
export async function isExecutableFile(path: string): Promise<boolean> {
  try {
    const info = await stat(path);
    if (!info.isFile()) return false;
    await access(path, process.platform === 'win32' ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Resolves a program as spawn would: paths relative to cwd, bare names through PATH (PATHEXT on Windows). */
export async function findExecutable(
  file: string,
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  check: (path: string) => Promise<boolean> = isExecutableFile,
): Promise<string | null> {
  if (file === '') return null;
  if (isAbsolute(file) || file.includes('/') || file.includes('\\')) {
    const full = resolve(cwd, file);
    return (await check(full)) ? full : null;
  }
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM').split(';')] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = join(dir, file + extension);
      if (await check(candidate)) return candidate;
    }
  }
  return null;
}

/** True when nothing listens on 127.0.0.1:`port` (we could bind it right now). */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => done(true)));
  });
}

/** null when a file can be created and removed in `dir`, else the reason. */
export async function stateDirProblem(dir: string): Promise<string | null> {
  const probe = join(dir, `.berth-preflight-${process.pid}-${Date.now()}`);
  try {
    await writeFile(probe, 'ok', { mode: 0o600 });
    await rm(probe, { force: true });
    return null;
  } catch (error) {
    return error instanceof Error && 'code' in error ? String(error.code) : 'not writable';
  }
}
