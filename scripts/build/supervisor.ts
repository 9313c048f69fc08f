// The supervisor compiles on its own into one ESM file (bin.berth): one file to read at start-up
// is what keeps "start → control API ready" fast, and it is what the desktop app ships.
import { build } from 'esbuild';
import { chmod, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where bin.berth points. */
export const SUPERVISOR_OUTFILE = `${root}dist/supervisor/berth.mjs`;

/** Bundles supervisor/src/cli.ts and its dependencies into dist/supervisor/berth.mjs. */
export async function buildSupervisor(): Promise<void> {
  const pkg = JSON.parse(await readFile(`${root}package.json`, 'utf8')) as { version: string };
  await build({
    entryPoints: [`${root}supervisor/src/cli.ts`],
    outfile: SUPERVISOR_OUTFILE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    define: { BERTH_VERSION: JSON.stringify(pkg.version) },
    // Bundled CommonJS dependencies (electron-log) call require(); give the ESM bundle one.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __berthCreateRequire } from 'node:module';\nconst require = __berthCreateRequire(import.meta.url);" },
  });
  await chmod(SUPERVISOR_OUTFILE, 0o755);
}
