// A stand-in for Electron's Linux distribution, so the app can be packaged where Electron's binary
// cannot be downloaded (this repo's CI): a folder holding `electron`, which is a copy of the Node
// that runs this code with Electron's fuse wire appended (the ELF loader ignores trailing bytes).
// electron-builder copies it in as the app's executable and flips its fuses with @electron/fuses
// exactly as it does Electron's; run with ELECTRON_RUN_AS_NODE=1, as the shell runs the supervisor
// and the bundle runs its services (`${node}`), it is Node. It opens no window.
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants.js';
import { appendFile, chmod, copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Electron's own defaults (electron/electron build/fuses/fuses.json5), for the eight fuses
 * @electron/fuses knows: what an unpacked Electron carries before packaging flips anything.
 */
export const ELECTRON_DEFAULT_FUSES: Readonly<Record<FuseV1Options, boolean>> = {
  [FuseV1Options.RunAsNode]: true,
  [FuseV1Options.EnableCookieEncryption]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: true,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: false,
  [FuseV1Options.OnlyLoadAppFromAsar]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: true,
};

/**
 * The wire as Electron's build writes it (build/fuses/build.py): the sentinel, one byte of wire
 * version, one byte of length, then one ASCII '0' or '1' per fuse in FuseV1Options order.
 */
export function fuseWireBytes(fuses: Readonly<Record<FuseV1Options, boolean>>): Buffer {
  const states = Object.values(FuseV1Options)
    .filter((index): index is FuseV1Options => typeof index === 'number')
    .sort((a, b) => a - b)
    .map((index) => (fuses[index] ? FuseState.ENABLE : FuseState.DISABLE));
  return Buffer.concat([Buffer.from(SENTINEL, 'ascii'), Buffer.from([Number(FuseVersion.V1), states.length, ...states])]);
}

/** Options of createStandInElectron. */
export interface StandInOptions {
  /** The Node binary to copy (default: the one running this code, Node 24 under npm scripts). */
  runtime?: string;
}

/** (Re)creates `dir` holding the stand-in `electron`; returns `dir` (electron-builder's `electronDist`). */
export async function createStandInElectron(dir: string, options: StandInOptions = {}): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const executable = path.join(dir, 'electron');
  // A copy, never a link: flipping fuses rewrites the file, which must not be Node's own.
  await copyFile(options.runtime ?? process.execPath, executable);
  await appendFile(executable, fuseWireBytes(ELECTRON_DEFAULT_FUSES));
  await chmod(executable, 0o755);
  return dir;
}
