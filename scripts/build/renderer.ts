// The dashboard builds with Vite into dist/renderer: loaded from file:// by the Electron shell
// and served at `/` by `berth run --dashboard`.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where the built dashboard lands (index.html + assets/). */
export const RENDERER_OUTDIR = `${root}dist/renderer`;

/** Runs Vite's production build with renderer/vite.config.ts. */
export async function buildRenderer(): Promise<void> {
  await build({ configFile: `${root}renderer/vite.config.ts`, logLevel: 'warn' });
}
