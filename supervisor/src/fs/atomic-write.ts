// Every metadata file Berth writes goes through here: temp file in the same folder, fsync,
// rename over the target, fsync the folder. A crash leaves the old or the new file, never a torn
// one. (write-file-atomic does the first three steps but not the directory fsync that makes the
// rename itself durable, hence this small helper.) Files that only describe this live process
// (control.json) skip both fsyncs (`durable: false`): still atomic for readers, but a power loss
// makes them stale anyway, and their fsyncs waited in the thread pool behind every service's.
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** How a file is written: its mode (default 0644), and whether it must survive a power loss (default true). */
export interface AtomicWriteOptions {
  mode?: number;
  durable?: boolean;
}

/** Writes `data` to `path` atomically. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const durable = options.durable ?? true;
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', options.mode ?? 0o644);
  try {
    await handle.writeFile(data);
    if (durable) await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  if (durable) await syncDirectory(dir);
}

/** Writes a value as pretty JSON (with a final newline) atomically. */
export async function writeJsonAtomic(path: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/** fsync a directory so a rename inside it survives a crash; a no-op where the OS refuses (Windows). */
export async function syncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or fsync a directory; NTFS journals the rename itself.
  } finally {
    await handle?.close();
  }
}
