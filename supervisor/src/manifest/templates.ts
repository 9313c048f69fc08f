// `${...}` templates in commands, env, cwd and platform overrides (DESIGN §4), pure. `$${` writes
// a literal `${`. The validator and the runtime share this parser so they never disagree.

/** The variables every template may name besides `${ports.<service>.<name>}` and `${hosts.<service>}`. */
export const TEMPLATE_VARIABLES = ['dataDir', 'bundleDir', 'logsDir', 'node', 'listenHost'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** One machine's address: what `${hosts.<service>}` and `${listenHost}` mean when Berth runs the bundle. */
export const LOOPBACK_HOST = '127.0.0.1';

/** A piece of a template: literal text, a reference, or text that is not a valid reference. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'port'; readonly service: string; readonly port: string; readonly raw: string }
  | { readonly kind: 'host'; readonly service: string; readonly raw: string }
  | { readonly kind: 'variable'; readonly name: TemplateVariable; readonly raw: string }
  | { readonly kind: 'invalid'; readonly expression: string; readonly raw: string; readonly reason: 'unknown' | 'unterminated' };

/**
 * Values to put in place of the references. The addresses are optional: where they are left out
 * (one machine, as when Berth runs the bundle) every service is reached and listens at 127.0.0.1;
 * `berth export` passes each service's network name and the address a container listens on.
 */
export interface TemplateValues {
  readonly ports: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly variables: Readonly<Record<Exclude<TemplateVariable, 'listenHost'>, string>> & { readonly listenHost?: string };
  readonly hosts?: Readonly<Record<string, string>>;
}

const PORT_REFERENCE = /^ports\.([^.]+)\.([^.]+)$/;
const HOST_REFERENCE = /^hosts\.([^.]+)$/;

function referenceOf(expression: string, raw: string): TemplatePart {
  const port = PORT_REFERENCE.exec(expression);
  if (port?.[1] !== undefined && port[2] !== undefined) return { kind: 'port', service: port[1], port: port[2], raw };
  const host = HOST_REFERENCE.exec(expression);
  if (host?.[1] !== undefined) return { kind: 'host', service: host[1], raw };
  const variable = TEMPLATE_VARIABLES.find((name) => name === expression);
  if (variable !== undefined) return { kind: 'variable', name: variable, raw };
  return { kind: 'invalid', expression, raw, reason: 'unknown' };
}

/** Splits a template into literal text and references; adjacent text is merged. */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    if (text.startsWith('$${', index)) {
      literal += '${';
      index += 3;
    } else if (text.startsWith('${', index)) {
      const end = text.indexOf('}', index + 2);
      if (literal !== '') parts.push({ kind: 'text', text: literal });
      literal = '';
      if (end === -1) {
        parts.push({ kind: 'invalid', expression: text.slice(index + 2), raw: text.slice(index), reason: 'unterminated' });
        return parts;
      }
      parts.push(referenceOf(text.slice(index + 2, end).trim(), text.slice(index, end + 1)));
      index = end + 1;
    } else {
      literal += text[index];
      index += 1;
    }
  }
  if (literal !== '') parts.push({ kind: 'text', text: literal });
  return parts;
}

function hostOf(hosts: Readonly<Record<string, string>>, part: { readonly service: string; readonly raw: string }): string {
  const host = Object.hasOwn(hosts, part.service) ? hosts[part.service] : undefined;
  if (host === undefined) throw new Error(`no host known for ${part.raw}`);
  return host;
}

/** The text with every reference replaced; throws on a reference it cannot resolve. */
export function expandTemplate(text: string, values: TemplateValues): string {
  return parseTemplate(text)
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text;
        case 'variable':
          return part.name === 'listenHost' ? (values.variables.listenHost ?? LOOPBACK_HOST) : values.variables[part.name];
        case 'host':
          return values.hosts === undefined ? LOOPBACK_HOST : hostOf(values.hosts, part);
        case 'port': {
          const port = values.ports[part.service]?.[part.port];
          if (port === undefined) throw new Error(`no port allocated for ${part.raw}`);
          return String(port);
        }
        case 'invalid':
          throw new Error(`cannot expand ${part.raw}`);
      }
    })
    .join('');
}
