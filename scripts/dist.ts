// `npm run dist` (after `npm run build`): electron-builder with electron-builder.config.cjs, its
// arguments passed through (`npm run dist -- --mac`). `npm run dist -- --stand-in` packages
// `release/linux-unpacked/` offline on a stand-in Electron (scripts/packaging/stand-in-electron.ts):
// the fuses flipped, the asar and resources as in a real build, the executable being Node.
import path from 'node:path';
import { packageApp, REPO_ROOT, standInBuilderArgs } from './packaging/package-app.ts';
import { createStandInElectron } from './packaging/stand-in-electron.ts';

const STAND_IN_FLAG = '--stand-in';
const args = process.argv.slice(2);

if (args.includes(STAND_IN_FLAG)) {
  const electronDist = await createStandInElectron(path.join(REPO_ROOT, 'release', 'stand-in-electron'));
  console.log(`stand-in Electron in ${path.relative(REPO_ROOT, electronDist)}/ (Node ${process.version} with Electron's fuse wire)`);
  await packageApp({ builderArgs: standInBuilderArgs(args.filter((arg) => arg !== STAND_IN_FLAG)), electronDist });
} else {
  await packageApp({ builderArgs: args });
}
