// The desktop shell compiles to two CommonJS files Electron loads: dist/electron/main.cjs (main
// process; everything bundled but `electron` itself) and dist/electron/preload.cjs (sandboxed
// preload: may require only `electron`, so it must be one self-contained file).
import { build, type BuildOptions } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Bundles electron/main/index.ts and electron/preload/index.ts into dist/electron/. */
export async function buildElectron(): Promise<void> {
  const common: BuildOptions = {
    bundle: true,
    format: 'cjs',
    external: ['electron'],
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  };
  await Promise.all([
    build({ ...common, entryPoints: [`${root}electron/main/index.ts`], outfile: `${root}dist/electron/main.cjs`, platform: 'node', target: 'node22' }),
    build({ ...common, entryPoints: [`${root}electron/preload/index.ts`], outfile: `${root}dist/electron/preload.cjs`, platform: 'node', target: 'chrome128' }),
  ]);
}
