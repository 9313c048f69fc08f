// "Start at login" as data (pure): the argument a login start carries, how to tell a login start
// (which opens no window: a tray app starts quietly), and the XDG autostart entry used on Linux,
// where Electron's login-item API does nothing.

/** Added to the command line of a start at login (Windows' Run entry, Linux's autostart entry). */
export const AT_LOGIN_ARG = '--berth-at-login';

/** Whether this start came from the login item. */
export function startedAtLogin(input: { argv: readonly string[]; wasOpenedAtLogin?: boolean }): boolean {
  return input.argv.includes(AT_LOGIN_ARG) || input.wasOpenedAtLogin === true;
}

/**
 * One argument of a desktop entry's Exec key, quoted (Desktop Entry Specification, "The Exec
 * key"): inside double quotes `"`, `` ` ``, `$` and `\` take a backslash; `%` is doubled (field
 * codes); then the string value's own escaping doubles every backslash again.
 */
export function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/["`$\\]/g, (char) => `\\${char}`).replace(/%/g, '%%')}"`;
  return quoted.replace(/\\/g, '\\\\');
}

/** A desktop entry's string value: one line, with the spec's escapes for backslash and control characters. */
function entryValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** The autostart entry that starts `executable` at login, opening no window. */
export function autostartEntry(input: { appName: string; executable: string }): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${entryValue(input.appName)}`,
    `Exec=${quoteExecArg(input.executable)} ${AT_LOGIN_ARG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
