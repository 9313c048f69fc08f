// Naming of rotated files (`name`, `name.1` newest … `name.N` oldest), shared by the writers that
// rotate and by gc, which removes old rotated files.
import { rename } from 'node:fs/promises';

/**
 * Shifts `file.1…file.(N-1)` up by one (the oldest falls off), leaving `file.1` free for `file`.
 * It never touches `file` itself, so it runs while the full file is being closed.
 */
export async function shiftOlderRotatedFiles(file: string, maxFiles: number): Promise<void> {
  for (let index = maxFiles - 1; index >= 1; index--) await renameIfExists(`${file}.${index}`, `${file}.${index + 1}`);
}

/** True for a rotated file name such as `api.log.3` or `telemetry.jsonl.1` (pure). */
export function isRotatedFileName(name: string): boolean {
  return /\.(log|jsonl)\.\d+$/.test(name);
}

/** Renames; a missing source is not an error. */
export async function renameIfExists(from: string, to: string): Promise<void> {
  await rename(from, to).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
