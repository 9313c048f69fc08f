// supervisord and s6 are Debian packages: when missing, install them with apt-get (and say so);
// a peer that still cannot be found is left out of the figures, with the reason recorded.
import { spawnSync } from 'node:child_process';

/** A peer binary and the Debian package that provides it. */
const PACKAGES: ReadonlyArray<{ peer: 'supervisord' | 's6'; binary: string; pkg: string }> = [
  { peer: 'supervisord', binary: 'supervisord', pkg: 'supervisor' },
  { peer: 's6', binary: 's6-svscan', pkg: 's6' },
];

function which(binary: string): string | null {
  const result = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Ensures the peers' binaries exist; returns which are available and notes on what was done. */
export function ensurePeerPackages(log: (message: string) => void): { available: Set<'supervisord' | 's6'>; notes: string[] } {
  const available = new Set<'supervisord' | 's6'>();
  const notes: string[] = [];
  const missing = PACKAGES.filter((entry) => which(entry.binary) === null);
  if (missing.length > 0) {
    const names = missing.map((entry) => entry.pkg);
    const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
    log(`bench: ${missing.map((entry) => entry.binary).join(', ')} not found; installing Debian package(s) ${names.join(', ')} with apt-get install -y`);
    notes.push(`Installed ${names.join(', ')} with apt-get for this run.`);
    const [file = 'apt-get', ...args] = [...sudo, 'apt-get', 'install', '-y', ...names];
    const result = spawnSync(file, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (result.status !== 0) log(`bench: apt-get install failed (exit ${String(result.status)}); the missing peers are skipped`);
  }
  for (const entry of PACKAGES) {
    const path = which(entry.binary);
    if (path === null) notes.push(`${entry.peer} unavailable (${entry.binary} not found): left out.`);
    else available.add(entry.peer);
  }
  return { available, notes };
}
