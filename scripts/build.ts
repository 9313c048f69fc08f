// `npm run build` (also run on `npm install` through `prepare`): compiles every part of Berth
// into dist/. Each target lives in scripts/build/<target>.ts and exports `build()`.
import { performance } from 'node:perf_hooks';
import { buildRenderer } from './build/renderer.ts';
import { buildSupervisor } from './build/supervisor.ts';
import { buildServices } from './build/services.ts';
import { buildElectron } from './build/electron.ts';

const targets: ReadonlyArray<readonly [string, () => Promise<void>]> = [
  ['supervisor', buildSupervisor],
  ['services', buildServices],
  ['renderer', buildRenderer],
  ['electron', buildElectron],
];

for (const [name, build] of targets) {
  const started = performance.now();
  await build();
  console.log(`built ${name} in ${Math.round(performance.now() - started)} ms`);
}
