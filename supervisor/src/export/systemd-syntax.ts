// The syntax of systemd unit files: specifiers (`%`) and variables (`$`) escaped, command-line
// arguments quoted only when they must be, sections written in a fixed order. Pure.

/** A unit file's settings in order; a setting may repeat (Environment=, ExecStartPost=). */
export type UnitSection = readonly (readonly [key: string, value: string])[];

/** `%` as `%%`: systemd expands specifiers in almost every setting. */
export function escapeSpecifiers(text: string): string {
  return text.replaceAll('%', '%%');
}

const BARE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** Double quotes with C escapes, the form systemd reads for words with spaces or quotes. */
function quoted(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n').replaceAll('\t', '\\t')}"`;
}

/** One word of a command line (ExecStart=): `$` and `%` escaped, quoted when not plain. */
export function commandWord(text: string): string {
  const escaped = escapeSpecifiers(text).replaceAll('$', () => '$$');
  // A lone ";" would separate two commands.
  if (text === ';') return '\\;';
  return BARE.test(text) ? escaped : quoted(escaped);
}

/** A whole command line from argv. */
export function commandLine(argv: readonly string[]): string {
  return argv.map(commandWord).join(' ');
}

/** `Environment=` value for one variable (values are not `$`-expanded there, specifiers are). */
export function environmentValue(name: string, value: string): string {
  return quoted(escapeSpecifiers(`${name}=${value}`));
}

/** One line of text for Description=: no line breaks, specifiers escaped. */
export function unitText(text: string): string {
  return escapeSpecifiers(text.replace(/\s+/g, ' ').trim());
}

/** The unit file: `#` header lines, then each non-empty section. */
export function unitFile(header: readonly string[], sections: readonly (readonly [name: string, settings: UnitSection])[]): string {
  const parts = [header.map((line) => `# ${line}`).join('\n')];
  for (const [name, settings] of sections) {
    if (settings.length > 0) parts.push([`[${name}]`, ...settings.map(([key, value]) => `${key}=${value}`)].join('\n'));
  }
  return `${parts.join('\n\n')}\n`;
}
