// Reads the env files of `--env-file` (dotenv syntax): each is checked line by line first
// (env-syntax.ts), then its values come from Node's own util.parseEnv. An unreadable or invalid
// file is an input error (exit 2) naming the file and the line; values never appear in errors.
import { readFile } from 'node:fs/promises';
import { parseEnv } from 'node:util';
import { BerthError } from '../errors.ts';
import { checkEnvSyntax } from './env-syntax.ts';

/** One env file: its path as given (for messages) and its variables. */
export interface EnvFile {
  readonly label: string;
  readonly values: Readonly<Record<string, string>>;
}

/** Reads and parses one env file (ENV_FILE_INVALID when it cannot be read or is not dotenv). */
export async function readEnvFile(path: string, label = path): Promise<EnvFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : 'unreadable';
    throw new BerthError('ENV_FILE_INVALID', `--env-file ${label}: cannot read it (${code})`, { cause: error });
  }
  const problem = checkEnvSyntax(text);
  if (problem !== null) throw new BerthError('ENV_FILE_INVALID', `--env-file ${label}:${problem.line}: ${problem.message}`);
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(parseEnv(text))) if (value !== undefined) values[name] = value;
  return { label, values };
}

/** Reads every env file in order (later files win when merged). */
export function readEnvFiles(files: readonly { path: string; label: string }[]): Promise<EnvFile[]> {
  return Promise.all(files.map((file) => readEnvFile(file.path, file.label)));
}
