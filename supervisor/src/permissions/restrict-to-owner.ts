// Makes a file or folder readable by the current user only: mode 0600 / 0700 on POSIX, an ACL with
// the current user's SID alone on Windows (icacls), where modes mean nothing. Secret files, their
// folders and control.json go through here.
import { chmod } from 'node:fs/promises';
import { BerthError } from '../errors.ts';
import { runCommand, type CommandRunner } from '../process/run-command.ts';
import { windowsToolPath, type WindowsEnv } from '../process/windows-commands.ts';
import { icaclsOwnerOnlyArgs, parseWhoamiUser, WHOAMI_USER_ARGS } from './owner-only-args.ts';

/** What restrictToOwner acts through (a fake runner in tests). */
export interface OwnerOnlyDeps {
  readonly platform: NodeJS.Platform;
  readonly run: CommandRunner;
  readonly env: WindowsEnv;
}

const systemDeps: OwnerOnlyDeps = { platform: process.platform, run: runCommand, env: process.env };

/** The current user's SID, asked once per runner (it does not change while we run). */
const sids = new WeakMap<CommandRunner, Promise<string>>();

function currentUserSid(deps: OwnerOnlyDeps): Promise<string> {
  let sid = sids.get(deps.run);
  if (sid === undefined) {
    sid = deps.run(windowsToolPath('whoami.exe', deps.env), WHOAMI_USER_ARGS).then((result) => {
      const found = parseWhoamiUser(result.stdout);
      if (found === null) throw new BerthError('STATE_DIR_UNWRITABLE', `Cannot tell the current user's SID: whoami /user exited ${result.code ?? 'without a code'}${result.stderr.trim() === '' ? '' : `: ${result.stderr.trim()}`}.`);
      return found;
    });
    sid.catch(() => sids.delete(deps.run));
    sids.set(deps.run, sid);
  }
  return sid;
}

/** Leaves `path` readable (and writable) by the current user only; STATE_DIR_UNWRITABLE when it cannot. */
export async function restrictToOwner(path: string, kind: 'file' | 'dir', deps: OwnerOnlyDeps = systemDeps): Promise<void> {
  if (deps.platform !== 'win32') {
    await chmod(path, kind === 'dir' ? 0o700 : 0o600);
    return;
  }
  const result = await deps.run(windowsToolPath('icacls.exe', deps.env), icaclsOwnerOnlyArgs(path, await currentUserSid(deps), kind));
  if (result.code !== 0) {
    const said = (result.stderr.trim() || result.stdout.trim()).split(/\r?\n/)[0] ?? '';
    throw new BerthError('STATE_DIR_UNWRITABLE', `Cannot make ${path} readable by the current user only: icacls exited ${result.code ?? 'without a code'}${said === '' ? '' : ` (${said})`}.`);
  }
}
