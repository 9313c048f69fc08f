// `${...}` templates in commands, env, cwd and platform overrides (DESIGN §4), pure. `$${` writes
// a literal `${`. The validator and the runtime share this parser so they never disagree.

/** The variables every template may name besides `${ports.<service>.<name>}`. */
export const TEMPLATE_VARIABLES = ['dataDir', 'bundleDir', 'logsDir', 'node'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** A piece of a template: literal text, a reference, or text that is not a valid reference. */
export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'port'; readonly service: string; readonly port: string; readonly raw: string }
  | { readonly kind: 'variable'; readonly name: TemplateVariable; readonly raw: string }
  | { readonly kind: 'invalid'; readonly expression: string; readonly raw: string; readonly reason: 'unknown' | 'unterminated' };

/** Values to put in place of the references. */
export interface TemplateValues {
  readonly ports: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly variables: Readonly<Record<TemplateVariable, string>>;
}

const PORT_REFERENCE = /^ports\.([^.]+)\.([^.]+)$/;

function referenceOf(expression: string, raw: string): TemplatePart {
  const port = PORT_REFERENCE.exec(expression);
  if (port?.[1] !== undefined && port[2] !== undefined) return { kind: 'port', service: port[1], port: port[2], raw };
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

/** The text with every reference replaced; throws on a reference it cannot resolve. */
export function expandTemplate(text: string, values: TemplateValues): string {
  return parseTemplate(text)
    .map((part) => {
      switch (part.kind) {
        case 'text':
          return part.text;
        case 'variable':
          return values.variables[part.name];
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
