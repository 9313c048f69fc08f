// Each service reads its configuration from the environment, once, through a zod schema; a bad
// or missing variable stops the service before it listens, naming every problem (exit 2).
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A TCP port given as a decimal string. */
export const PortEnv = z.coerce.number().int().min(1).max(65_535);

/** Loopback by default: the services are meant to be reached through the supervisor's host only. */
export const HostEnv = z.string().min(1).default('127.0.0.1');

/** A bearer token shared between services (the bundle's generated DB_TOKEN secret). */
export const TokenEnv = z.string().min(16, { message: 'must be at least 16 characters' });

/** An http(s) base URL without a trailing slash. */
export const BaseUrlEnv = z
  .url({ protocol: /^https?$/ })
  .transform((url) => url.replace(/\/+$/, ''));

/** Thrown when the environment does not match the service's schema. */
export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid configuration: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Parses `env` with `schema`, or throws a ConfigError listing each bad variable. */
export function parseEnv<Schema extends z.ZodType>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.output<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
}

/**
 * The environment with each secret in `names` filled from `<NAME>_FILE` when only the file is
 * given (how the supervisor injects `file` secrets, as docker does); one trailing newline is dropped.
 */
export function withFileSecrets(names: readonly string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const resolved = { ...env };
  const problems: string[] = [];
  for (const name of names) {
    const file = env[`${name}_FILE`];
    if (env[name] !== undefined || file === undefined || file === '') continue;
    try {
      resolved[name] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return resolved;
}
