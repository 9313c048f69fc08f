// The Windows command lines that make a file readable by the current user only (what 0600/0700
// do elsewhere), built by pure functions so tests check them exactly. The user is named by SID,
// from `whoami /user`: a SID needs no name lookup, so it works whatever the account's name, its
// domain (local, Active Directory, Entra ID) or the system's language.

/** `whoami` arguments: the current user and SID, as one CSV line without a header. */
export const WHOAMI_USER_ARGS: readonly string[] = ['/user', '/fo', 'csv', '/nh'];

const SID = /^S-1-\d+(-\d+)+$/;

/** The SID in `whoami /user /fo csv /nh` output (`"desktop-1\alice","S-1-5-21-…-1001"`), or null. */
export function parseWhoamiUser(stdout: string): string | null {
  for (const line of stdout.split(/\r?\n/)) {
    const last = /"([^"]*)"\s*$/.exec(line)?.[1];
    if (last !== undefined && SID.test(last)) return last;
  }
  return null;
}

/**
 * icacls arguments that leave `path` with one entry, full control for `sid`: `/inheritance:r`
 * drops every inherited entry, `/grant:r` replaces any the user had. A folder's entry is inherited
 * by what is created in it (`(OI)(CI)`), so a new file there is private from its first byte.
 */
export function icaclsOwnerOnlyArgs(path: string, sid: string, kind: 'file' | 'dir'): string[] {
  return [path, '/inheritance:r', '/grant:r', `*${sid}:${kind === 'dir' ? '(OI)(CI)F' : 'F'}`];
}
