// The few facts main needs from bundle.json (app id and name, which service is the UI), read with
// a small local schema: electron/ imports nothing of the supervisor but its contract.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const BundleFacts = z.object({
  app: z.object({ id: z.string(), name: z.string() }),
  ui: z.object({ service: z.string() }).optional(),
});

/** What main knows about the bundle. */
export interface BundleInfo {
  appId: string;
  appName: string;
  uiService: string | null;
}

/** Reads bundle facts; falls back to defaults (the supervisor reports real manifest errors). */
export async function readBundleInfo(bundlePath: string): Promise<BundleInfo> {
  try {
    const parsed = BundleFacts.safeParse(JSON.parse(await readFile(bundlePath, 'utf8')));
    if (parsed.success) return { appId: parsed.data.app.id, appName: parsed.data.app.name, uiService: parsed.data.ui?.service ?? null };
  } catch {
    // Fall through to defaults.
  }
  return { appId: 'dev.berth.app', appName: 'Berth', uiService: null };
}
