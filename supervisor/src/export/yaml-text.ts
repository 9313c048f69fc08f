// YAML as compose and kubectl read it, through the `yaml` library: YAML 1.1 scalars (so "no",
// "on" and "0755" stay quoted strings for PyYAML and Go), keys sorted, no line folding, a
// comment header, no anchors. The same value always gives the same text.
import { Document } from 'yaml';

/** One YAML document, `header` lines as comments before it. */
export function yamlDocument(value: unknown, header: readonly string[] = []): string {
  const document = new Document(value, { version: '1.1', sortMapEntries: true, aliasDuplicateObjects: false });
  if (header.length > 0) document.commentBefore = header.map((line) => ` ${line}`).join('\n');
  return document.toString({ lineWidth: 0 });
}

/** Several documents in one stream (`---` between them), the header before the first. */
export function yamlStream(values: readonly unknown[], header: readonly string[] = []): string {
  return values.map((value, index) => yamlDocument(value, index === 0 ? header : [])).join('---\n');
}

/** Escapes `$` as `$$`: compose interpolates `${VAR}` and `$VAR`, Kubernetes `$(VAR)`, and both read `$$` as `$`. */
export function escapeDollars(text: string): string {
  return text.replaceAll('$', () => '$$');
}

/** Every string of a JSON-like value with `$` escaped (compose interpolates every value of its file). */
export function escapeDeep(value: unknown): unknown {
  if (typeof value === 'string') return escapeDollars(value);
  if (Array.isArray(value)) return value.map(escapeDeep);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, escapeDeep(inner)]));
  return value;
}
