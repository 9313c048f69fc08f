// The last lines of a text file without reading all of it: at most `maxBytes` from its end (a
// partial first line is dropped). A missing file has no lines.
import { open } from 'node:fs/promises';

/** Bytes read from the end of a file at most. */
export const TAIL_MAX_BYTES = 8 * 1024 * 1024;

/** The last `lines` lines of `file` (without their "\n"). */
export async function tailFile(file: string, lines: number, maxBytes = TAIL_MAX_BYTES): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    return [];
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const all = buffer.toString('utf8').split('\n');
    if (all.at(-1) === '') all.pop();
    if (start > 0) all.shift();
    return all.slice(-lines);
  } finally {
    await handle.close();
  }
}
