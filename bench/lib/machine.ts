// Facts about the machine and the peers' versions for the head of RESULTS.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';

function osName(): string {
  if (!existsSync('/etc/os-release')) return `${type()} ${release()}`;
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  return `${pretty ?? type()} (kernel ${release()})`;
}

function debVersion(pkg: string): string {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Version}', pkg], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : 'unknown';
}

function pm2Version(): string {
  const file = fileURLToPath(new URL('../../node_modules/pm2/package.json', import.meta.url));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : 'unknown';
}

/** One line per fact. */
export function describeMachine(): string[] {
  const cores = cpus();
  return [
    `Machine: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB memory`,
    `OS: ${osName()}`,
    `Node: ${process.version} (the supervisors under test and every service run on it)`,
    `Peers: pm2 ${pm2Version()}, supervisord ${debVersion('supervisor')}, s6 ${debVersion('s6')}`,
  ];
}

/** The 1-minute load average, formatted. */
export function loadAverage(): string {
  return loadavg().map((value) => value.toFixed(2)).join(' / ');
}
