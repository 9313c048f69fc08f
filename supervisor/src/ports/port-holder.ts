// Who holds a TCP port, for the "fixed port busy" error. Linux: /proc/net/tcp{,6} → socket inode →
// the process whose fd points at it. Elsewhere: lsof when present. Best effort: undefined when
// the OS does not let us see (another user's process, say).
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { promisify } from 'node:util';

/** The process listening on a port. */
export interface PortHolder {
  readonly pid: number;
  readonly command: string;
}

const LISTEN = '0A';

/** Socket inodes listening on `port`, from /proc/net/tcp-style text (pure). */
export function listeningInodes(procNetTcp: string, port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inodes: string[] = [];
  for (const line of procNetTcp.split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    const local = fields[1];
    if (local?.endsWith(`:${hexPort}`) === true && fields[3] === LISTEN && fields[9] !== undefined) inodes.push(fields[9]);
  }
  return inodes;
}

async function holderFromProc(port: number): Promise<PortHolder | undefined> {
  const tables = await Promise.all(['/proc/net/tcp', '/proc/net/tcp6'].map((file) => readFile(file, 'utf8').catch(() => '')));
  const inodes = new Set(tables.flatMap((table) => listeningInodes(table, port)));
  if (inodes.size === 0) return undefined;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => []);
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode !== undefined && inodes.has(inode)) {
        const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
        return { pid: Number(entry), command: cmdline.split('\0').filter(Boolean).join(' ') || '?' };
      }
    }
  }
  return undefined;
}

async function holderFromLsof(port: number): Promise<PortHolder | undefined> {
  try {
    const { stdout } = await promisify(execFile)('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], { timeout: 2000 });
    const pid = /^p(\d+)$/m.exec(stdout)?.[1];
    const command = /^c(.+)$/m.exec(stdout)?.[1];
    return pid === undefined ? undefined : { pid: Number(pid), command: command ?? '?' };
  } catch {
    return undefined;
  }
}

/** The holder of a listening TCP port, when the OS shows it. */
export async function findPortHolder(port: number): Promise<PortHolder | undefined> {
  if (process.platform === 'linux') return holderFromProc(port);
  if (process.platform === 'win32') return undefined;
  return holderFromLsof(port);
}
