// The example bundle's services (services/<name>/src/main.ts) compile into one self-contained
// ESM file each, dist/services/<name>.mjs, so they run under plain Node and under Electron's Node
// in a packaged app without any node_modules beside them. Their data files travel next to them:
// SQL migrations in dist/services/migrate/migrations/ and the Notes web app in dist/services/ui/public/.
import { build } from 'esbuild';
import { cp, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where the services are built by default. */
export const SERVICES_OUTDIR = `${root}dist/services`;
/** The services, by the name of their folder under services/. */
export const SERVICE_NAMES = ['sqlite', 'migrate', 'api', 'ui'] as const;

/** Builds every service into `outDir` (default dist/services), replacing what was there. */
export async function buildServices(options: { outDir?: string } = {}): Promise<void> {
  const outDir = options.outDir ?? SERVICES_OUTDIR;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    build({
      entryPoints: Object.fromEntries(SERVICE_NAMES.map((name) => [name, `${root}services/${name}/src/main.ts`])),
      outdir: outDir,
      outExtension: { '.js': '.mjs' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      // Electron's Node may trail the Node that runs the build.
      target: 'node22',
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
    }),
    build({
      entryPoints: [`${root}services/ui/web/app.ts`],
      outfile: `${outDir}/ui/public/app.js`,
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: ['chrome120', 'firefox120', 'safari17'],
      minify: true,
      sourcemap: 'linked',
      legalComments: 'none',
      logLevel: 'warning',
    }),
    cp(`${root}services/migrate/migrations`, `${outDir}/migrate/migrations`, { recursive: true }),
    cp(`${root}services/ui/public`, `${outDir}/ui/public`, { recursive: true }),
  ]);
}
