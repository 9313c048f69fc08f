// Where the control API listens and the API key it accepts besides the per-run token (issue 19).
// Loopback needs nothing more; any other address (`--control-host 0.0.0.0`) needs an API key
// (`--api-key-file`, else BERTH_API_KEY) or the run is refused (exit 2). The key is never logged,
// never passed to a service, and never named by value in an error.
import { readFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { BerthError } from '../errors.ts';
import type { RunConfig } from './resolve-config.ts';

/** Shortest API key accepted: a guessable key on a network-reachable API is worse than none. */
export const MIN_API_KEY_LENGTH = 16;

/** The control API's address and the API key it also accepts (null: token only). */
export interface ControlAccess {
  readonly host: string;
  readonly apiKey: string | null;
}

/** True for addresses only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  return lower === 'localhost' || lower === '::1' || (isIP(lower) === 4 && lower.startsWith('127.'));
}

async function readApiKey(config: Pick<RunConfig, 'apiKeyFile'>, env: Readonly<Record<string, string | undefined>>): Promise<string | null> {
  if (config.apiKeyFile !== undefined) {
    let text: string;
    try {
      text = await readFile(config.apiKeyFile, 'utf8');
    } catch (error) {
      const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
      throw new BerthError('CONFIG_INVALID', `--api-key-file ${config.apiKeyFile}: cannot read it (${code})`, { cause: error });
    }
    // One line, as `echo key > file` or a mounted Kubernetes secret writes it.
    const key = text.replace(/\r?\n$/, '');
    return checkKey(key, `--api-key-file ${config.apiKeyFile}`);
  }
  const fromEnv = env.BERTH_API_KEY;
  return fromEnv === undefined || fromEnv === '' ? null : checkKey(fromEnv, 'BERTH_API_KEY');
}

function checkKey(key: string, where: string): string {
  if (key.length < MIN_API_KEY_LENGTH) throw new BerthError('CONFIG_INVALID', `${where}: the API key is shorter than ${MIN_API_KEY_LENGTH} characters (make one with: openssl rand -base64 32)`);
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(key)) throw new BerthError('CONFIG_INVALID', `${where}: the API key may hold only letters, digits and . _ ~ + / = - (it travels in an Authorization header)`);
  return key;
}

/** Resolves the control address and API key of a run (CONFIG_INVALID, exit 2, when they do not fit). */
export async function resolveControlAccess(config: Pick<RunConfig, 'controlHost' | 'apiKeyFile' | 'profile'>, env: Readonly<Record<string, string | undefined>>): Promise<ControlAccess> {
  const given = config.controlHost ?? '127.0.0.1';
  const host = given.toLowerCase() === 'localhost' ? '127.0.0.1' : given.replace(/^\[(.*)\]$/, '$1');
  if (isIP(host) === 0) throw new BerthError('CONFIG_INVALID', `--control-host: "${given}" is not an IP address (write e.g. 127.0.0.1, 0.0.0.0 or ::)`);
  const apiKey = await readApiKey(config, env);
  if (isLoopbackHost(host)) return { host, apiKey };
  if (config.profile === 'desktop') throw new BerthError('CONFIG_INVALID', `--control-host ${given}: the desktop profile's control API listens on loopback only`);
  if (apiKey === null) {
    throw new BerthError('CONFIG_INVALID', `--control-host ${given}: a control API beyond loopback needs an API key: set BERTH_API_KEY or pass --api-key-file (nothing was started)`);
  }
  return { host, apiKey };
}
