// The Windows command lines Berth runs, built by pure functions so tests check them exactly. Each
// tool is named by its full path under %SystemRoot%\System32: a bare name is looked up in the
// current folder before PATH. PowerShell gets its script as -EncodedCommand (base64 of UTF-16LE),
// so no quoting layer stands between Node's argv and PowerShell's parser.

/** The environment variables these builders read (process.env on Windows is case-insensitive). */
export type WindowsEnv = Readonly<Record<string, string | undefined>>;

/** `%SystemRoot%\System32\<relative>` (C:\Windows when SystemRoot is unset). */
export function windowsToolPath(relative: string, env: WindowsEnv = process.env): string {
  const root = env.SystemRoot ?? env.SYSTEMROOT ?? 'C:\\Windows';
  return `${root.replace(/[\\/]+$/, '')}\\System32\\${relative}`;
}

/** Windows PowerShell 5.1, present on every Windows 10 and 11 (pwsh 7 is not). */
export function powershellPath(env: WindowsEnv = process.env): string {
  return windowsToolPath('WindowsPowerShell\\v1.0\\powershell.exe', env);
}

/** powershell.exe's arguments to run `script`: no logo, no profile, no prompt, the script encoded. */
export function powershellArgs(script: string): string[] {
  return ['-NoLogo', '-NoProfile', '-NonInteractive', '-EncodedCommand', Buffer.from(script, 'utf16le').toString('base64')];
}

/** A string as a PowerShell single-quoted literal (its only escape: ' doubled). */
export function powershellLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * taskkill's arguments: each pid, its tree (/T), and /F to terminate. Without /F taskkill asks
 * (WM_CLOSE to the process's windows), which a console program cannot receive: it is the
 * polite half of the sequence, and /F after the timeout is what ends such a tree.
 */
export function taskkillArgs(pids: readonly number[], force: boolean): string[] {
  return [...pids.flatMap((pid) => ['/PID', String(pid)]), '/T', ...(force ? ['/F'] : [])];
}
