// Electron Forge configuration for the development loop only (`npx electron-forge start` on a
// machine with Electron): it rebuilds dist/ before launching and restarts on `rs`. Installers are
// made by electron-builder (electron-builder.config.cjs), so there are no makers here.
// @electron-forge/* is not a dependency of this repo, so the shape is typed locally (a subset of
// @electron-forge/shared-types' ForgeConfig).
import { execFileSync } from 'node:child_process';

/** The subset of Forge's ForgeConfig this project uses. */
interface ForgeConfigSubset {
  // `electron-forge package` is not how Berth ships (no supervisor or services in resources/); it is
  // kept minimal so `start` works. Use `npm run dist`.
  packagerConfig: { name: string; asar: boolean; icon: string; ignore: RegExp[] };
  rebuildConfig: Record<string, never>;
  makers: never[];
  plugins: never[];
  hooks: { generateAssets: () => Promise<void> };
}

const config: ForgeConfigSubset = {
  // `electron-forge package` is not how Berth ships (no supervisor or services in resources/); it is
  // kept minimal so `start` works. Use `npm run dist`.
  packagerConfig: {
    name: 'Berth',
    asar: true,
    icon: 'build/icon',
    ignore: [/^\/(?!dist|package\.json)/, /\.map$/],
  },
  rebuildConfig: {},
  makers: [],
  plugins: [],
  hooks: {
    // Same build as `npm run build`: supervisor, services, renderer, main and preload.
    generateAssets: async () => {
      execFileSync(process.execPath, ['scripts/build.ts'], { stdio: 'inherit' });
    },
  },
};

export default config;
