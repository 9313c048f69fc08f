// Prompted secret values, kept between runs with Electron's safeStorage (OS keychain-backed
// encryption) in one encrypted file in userData, and submitted again (POST /secrets) at start.
// Values never reach a log line or an error message.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SecretsRequest } from '../../../supervisor/src/control/contract.ts';
import { ShellError } from '../../ipc/errors.ts';
import type { ElectronApi } from '../electron-api.ts';
import { writeFileAtomic } from '../../../supervisor/src/fs/atomic-write.ts';

/** The file's shape: each value encrypted on its own, base64. */
const SecretsFile = z.object({ version: z.literal(1), values: z.record(z.string(), z.string()) });

/** The store's handle. */
export interface SecretStore {
  /** Every stored value (names whose value cannot be decrypted are skipped). */
  load(): Promise<SecretsRequest>;
  /** Merges values into the file (atomic write, 0600). */
  save(values: SecretsRequest): Promise<void>;
  /** Whether values can be persisted at all on this machine. */
  available(): boolean;
}

/** Creates the store over safeStorage and `<dir>/secrets.enc`. */
export function createSecretStore(options: { dir: string; safeStorage: ElectronApi['safeStorage']; warn?: (message: string) => void }): SecretStore {
  const file = path.join(options.dir, 'secrets.enc');
  const warn = options.warn ?? (() => undefined);
  const readRaw = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      return {};
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    const parsed = SecretsFile.safeParse(json);
    if (!parsed.success) {
      warn(`ignoring unreadable secrets file ${file}`);
      return {};
    }
    return parsed.data.values;
  };
  return {
    available: () => options.safeStorage.isEncryptionAvailable(),
    async load() {
      if (!options.safeStorage.isEncryptionAvailable()) return {};
      const values: Record<string, string> = {};
      for (const [name, encrypted] of Object.entries(await readRaw())) {
        try {
          values[name] = options.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
        } catch {
          warn(`stored secret ${name} could not be decrypted; it will be asked for again`);
        }
      }
      return SecretsRequest.safeParse(values).success ? values : {};
    },
    async save(values) {
      if (!options.safeStorage.isEncryptionAvailable()) {
        throw new ShellError('SECRETS_UNAVAILABLE', 'OS-level encryption is not available; secrets are not remembered between runs.');
      }
      const stored = await readRaw();
      for (const [name, value] of Object.entries(values)) stored[name] = options.safeStorage.encryptString(value).toString('base64');
      await mkdir(options.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(file, JSON.stringify({ version: 1, values: stored }), { mode: 0o600 });
    },
  };
}
