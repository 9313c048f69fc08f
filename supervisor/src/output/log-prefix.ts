// `name | line` prefixes for merged output, as docker compose prints them, coloured per service
// on a terminal. Pure.
import pc from 'picocolors';

const PALETTE = [pc.cyan, pc.magenta, pc.blue, pc.yellow, pc.green, pc.red] as const;

/** Builds the prefixer for a set of service names (stable colour per name, aligned bars). */
export function createLogPrefixer(names: readonly string[], colour: boolean): (service: string) => string {
  const width = Math.max(...names.map((name) => name.length), 1);
  const prefixes = new Map(
    names.map((name, index) => {
      const text = `${name.padEnd(width)} |`;
      const paint = PALETTE[index % PALETTE.length] ?? pc.cyan;
      return [name, colour ? paint(text) : text];
    }),
  );
  return (service) => prefixes.get(service) ?? `${service} |`;
}
