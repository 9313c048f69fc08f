// The example bundle's services (services/<name>/src/main.ts) compile into one self-contained
// ESM file each, dist/services/<name>.mjs, so they run under plain Node and under Electron's Node
// in a packaged app without any node_modules beside them. Their data files travel next to them:
// SQL migrations in dist/services/migrate/migrations/ and the Notes web app in dist/services/ui/public/.
import { build } from 'esbuild';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { zodEnglishOnly } from './zod-english-only.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Where the services are built by default. */
export const SERVICES_OUTDIR = `${root}dist/services`;
/** The services, by the name of their folder under services/. */
export const SERVICE_NAMES = ['sqlite', 'migrate', 'api', 'ui'] as const;

/** Builds every service into `outDir` (default dist/services), replacing what was there. */
export async function buildServices(options: { outDir?: string } = {}): Promise<void> {
  const finalDir = options.outDir ?? SERVICES_OUTDIR;
  // Build beside the target and swap it in, so a concurrent build or a service starting from
  // the old files never sees a half-written folder.
  const outDir = `${finalDir}.building-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(outDir, { recursive: true });
  try {
    await compileInto(outDir);
    await swapIn(outDir, finalDir);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

const errorCode = (error: unknown): unknown => (error as NodeJS.ErrnoException | undefined)?.code;

/** Moves `fresh` to `target`, moving whatever is there aside first (and retrying if another build got in between). */
async function swapIn(fresh: string, target: string): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const old = `${target}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(target, old);
    } catch (error) {
      if (errorCode(error) !== 'ENOENT') throw error;
    }
    try {
      await rename(fresh, target);
      return;
    } catch (error) {
      if (attempt >= 5 || (errorCode(error) !== 'ENOTEMPTY' && errorCode(error) !== 'EEXIST')) throw error;
    } finally {
      await rm(old, { recursive: true, force: true });
    }
  }
}

/** Compiles the services and copies their data files into `outDir`. */
async function compileInto(outDir: string): Promise<void> {
  // Copy first: esbuild writing app.js into ui/public while cp creates that folder would race.
  await cp(`${root}services/migrate/migrations`, `${outDir}/migrate/migrations`, { recursive: true });
  await cp(`${root}services/ui/public`, `${outDir}/ui/public`, { recursive: true });
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
      // Each service is a Node start on the way to "all ready" (four in a row when a new version
      // migrates): less to parse, and zod in English only (750 → ≈ 230 KB a service).
      minify: true,
      plugins: [zodEnglishOnly],
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
  ]);
}
