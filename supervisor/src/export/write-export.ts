// Writes an export's files into its folder (created when missing), each atomically, and leaves
// every other file there alone. The only effect of `berth export`.
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write.ts';
import type { ExportFile } from './export-types.ts';

/** Writes `files` under `outDir`; returns their paths in order. */
export async function writeExport(outDir: string, files: readonly ExportFile[]): Promise<string[]> {
  const written: string[] = [];
  for (const file of files) {
    const path = join(outDir, file.name);
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, file.text);
    written.push(path);
  }
  return written;
}
