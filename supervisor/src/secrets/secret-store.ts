// The values of the bundle's declared secrets and how they reach services. Sources: `generate`
// (persisted 0600, reused), `env` (the supervisor's environment), `prompt` (submitted through
// POST /secrets or `berth secrets set`, kept in memory only; BERTH_SECRET_<NAME> may pre-fill
// one for headless runs). Every value is registered with the Redactor as soon as it is known.
import { join } from 'node:path';
import { BerthError } from '../errors.ts';
import type { SecretSpec, ServiceSpec } from '../manifest/schema.ts';
import { MIN_REDACTED_LENGTH, Redactor } from './redactor.ts';
import { ensurePrivateDir, loadOrGenerate, removeRunSecrets, writeSecretFile } from './secret-files.ts';

/** Prefix of supervisor environment variables that pre-fill prompt secrets. */
export const PROMPT_ENV_PREFIX = 'BERTH_SECRET_';
const SERVICE_NAME = /^[a-zA-Z][a-zA-Z0-9_-]*$/;

/** Inputs of SecretStore.open. */
export interface SecretStoreOptions {
  secrets: Readonly<Record<string, SecretSpec>>;
  stateDir: string;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Listener told which secret names just got a value. */
export type SecretChangeListener = (names: readonly string[]) => void;

/** Holds secret values, injects them into services, and redacts them from output. */
export class SecretStore {
  readonly redactor = new Redactor();
  private readonly specs: Readonly<Record<string, SecretSpec>>;
  private readonly stateDir: string;
  private readonly values = new Map<string, string>();
  private readonly listeners = new Set<SecretChangeListener>();

  private constructor(options: SecretStoreOptions) {
    this.specs = options.secrets;
    this.stateDir = options.stateDir;
  }

  /** Loads generated (creating them once) and env secrets; removes injected files left by a crash. */
  static async open(options: SecretStoreOptions): Promise<SecretStore> {
    const store = new SecretStore(options);
    const env = options.env ?? process.env;
    await removeRunSecrets(options.stateDir);
    for (const [name, spec] of Object.entries(options.secrets)) {
      let value: string | undefined;
      if (spec.generate !== undefined) value = await loadOrGenerate(options.stateDir, name, spec.generate);
      else if (spec.env !== undefined) value = env[spec.env];
      else value = env[`${PROMPT_ENV_PREFIX}${name}`];
      if (value !== undefined && value !== '') store.values.set(name, value);
    }
    store.redactor.add(store.values.values());
    return store;
  }

  /** True when the secret has a value. */
  has(name: string): boolean {
    return this.values.has(name);
  }

  /** A secret's value, for the supervisor's own use (a feed credential); never for output. */
  valueOf(name: string): string | undefined {
    return this.values.get(name);
  }

  /**
   * Takes the prompted values another store holds (the version before a hand-off): a person typed
   * them once, and they live in memory only, so the next version would otherwise wait for them again.
   */
  adoptPrompted(from: SecretStore): void {
    const adopted: string[] = [];
    for (const [name, spec] of Object.entries(this.specs)) {
      const value = from.values.get(name);
      if (spec.prompt === undefined || value === undefined || this.values.has(name)) continue;
      this.values.set(name, value);
      adopted.push(name);
    }
    this.redactor.add(adopted.map((name) => this.values.get(name) ?? ''));
  }

  /** Required secrets of a service that have no value yet (names only), sorted. */
  missingFor(spec: Pick<ServiceSpec, 'secrets'>): string[] {
    return Object.keys(spec.secrets)
      .filter((name) => !this.values.has(name) && (this.specs[name]?.required ?? true))
      .sort();
  }

  /** Environment additions for one start of a service: NAME=value, or NAME_FILE=<0600 file>. */
  async materialize(serviceName: string, spec: Pick<ServiceSpec, 'secrets'>): Promise<{ env: Record<string, string> }> {
    if (!SERVICE_NAME.test(serviceName)) throw new BerthError('SERVICE_UNKNOWN', `Not a service name: "${serviceName}".`);
    const missing = this.missingFor(spec);
    if (missing.length > 0) throw new BerthError('SECRET_MISSING', `Service "${serviceName}" needs secrets without a value: ${missing.join(', ')}.`);
    const env: Record<string, string> = {};
    for (const [name, mode] of Object.entries(spec.secrets)) {
      const value = this.values.get(name);
      if (value === undefined) continue;
      if (mode === 'env') {
        env[name] = value;
        continue;
      }
      const dir = await ensurePrivateDir(this.stateDir, 'secrets', 'run', serviceName);
      const path = join(dir, name);
      await writeSecretFile(path, value);
      env[`${name}_FILE`] = path;
    }
    return { env };
  }

  /** Stores prompted values; SECRET_INVALID (naming the field) for unknown, non-prompt or too short ones. */
  submit(values: Readonly<Record<string, string>>): string[] {
    const names = Object.keys(values).sort();
    for (const name of names) {
      const spec = this.specs[name];
      if (spec === undefined) throw new BerthError('SECRET_INVALID', `Secret "${name}" is not declared in the bundle.`);
      if (spec.prompt === undefined) throw new BerthError('SECRET_INVALID', `Secret "${name}" is not a prompt secret (its value comes from ${spec.generate === undefined ? 'the environment' : 'the generator'}).`);
      if ((values[name] ?? '').length < MIN_REDACTED_LENGTH) throw new BerthError('SECRET_INVALID', `Secret "${name}" is shorter than ${MIN_REDACTED_LENGTH} characters.`);
    }
    for (const name of names) this.values.set(name, values[name] ?? '');
    this.redactor.add(names.map((name) => values[name] ?? ''));
    for (const listener of this.listeners) {
      try {
        listener(names);
      } catch {
        // A listener's failure must not undo an accepted submission.
      }
    }
    return names;
  }

  /** Calls `listener` after each accepted submission; returns the unsubscribe function. */
  onChange(listener: SecretChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Variables to drop from the environment children inherit (env-source secrets, BERTH_SECRET_*). */
  inheritedEnvToStrip(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
    const fromSpecs = Object.values(this.specs).flatMap((spec) => (spec.env === undefined ? [] : [spec.env]));
    return [...new Set([...fromSpecs, ...Object.keys(env).filter((name) => name.startsWith(PROMPT_ENV_PREFIX))])].sort();
  }

  /** Removes every injected secret file (at shutdown). */
  async cleanup(): Promise<void> {
    await removeRunSecrets(this.stateDir);
  }
}
