// Services a person stopped under `restart.policy: "unless-stopped"` stay stopped across
// supervisor restarts (docker's meaning of the policy): their names live in <stateDir>/held.json.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeJsonAtomic } from '../fs/atomic-write.ts';

const HeldFile = z.object({ services: z.array(z.string()) });

/** Names held stopped; an absent or unreadable file holds none. */
export async function readHeldServices(path: string): Promise<Set<string>> {
  try {
    const parsed = HeldFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return new Set(parsed.success ? parsed.data.services : []);
  } catch {
    return new Set();
  }
}

/** Writes the held names atomically. */
export async function writeHeldServices(path: string, names: ReadonlySet<string>): Promise<void> {
  await writeJsonAtomic(path, { services: [...names].sort() });
}
