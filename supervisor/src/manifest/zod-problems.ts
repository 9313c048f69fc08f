// Turns zod issues from parsing bundle.json into path-first problems, with "did you mean" hints
// for unknown keys computed from the keys the schema allows at that place.
import { z } from 'zod';
import { didYouMean } from './did-you-mean.ts';
import { formatPath, type ManifestProblem } from './problems.ts';

/** The schema under wrappers that do not change the shape (optional, default, pipe…). */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  for (;;) {
    const def = schema._zod.def;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable' || def.type === 'readonly') {
      schema = (def as z.core.$ZodOptionalDef).innerType;
    } else if (def.type === 'pipe') {
      schema = (def as z.core.$ZodPipeDef).in;
    } else {
      return schema;
    }
  }
}

/** The schema at `path` inside `root`, or undefined when the path leaves it. */
function schemaAt(root: z.core.$ZodType, path: readonly PropertyKey[]): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType | undefined = unwrap(root);
  for (const key of path) {
    if (schema instanceof z.core.$ZodObject) schema = schema._zod.def.shape[String(key)];
    else if (schema instanceof z.core.$ZodRecord) schema = schema._zod.def.valueType;
    else if (schema instanceof z.core.$ZodArray) schema = schema._zod.def.element;
    else if (schema instanceof z.core.$ZodTuple) schema = schema._zod.def.items[Number(key)];
    else return undefined;
    if (schema === undefined) return undefined;
    schema = unwrap(schema);
  }
  return schema;
}

/** The keys an object schema at `path` accepts, sorted; [] when there is no object there. */
export function allowedKeysAt(root: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const schema = schemaAt(root, path);
  return schema instanceof z.core.$ZodObject ? Object.keys(schema._zod.def.shape).sort() : [];
}

/** The value at `path` in the raw JSON, for messages that quote what was written. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** "70000 is above the maximum 65535", "needs at least 1 item"… instead of zod's generic wording. */
function sizeMessage(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, value: unknown): string {
  const big = issue.code === 'too_big';
  const limit = Number(big ? issue.maximum : issue.minimum);
  const bound = issue.inclusive === false ? (big ? limit - 1 : limit + 1) : limit;
  if (typeof value === 'number') return `${value} is ${big ? 'above the maximum' : 'below the minimum'} ${limit}${issue.inclusive === false ? ' (exclusive)' : ''}`;
  const unit = typeof value === 'string' ? 'character' : 'item';
  const units = `${bound} ${unit}${bound === 1 ? '' : 's'}`;
  return big ? `allows at most ${units}` : `needs at least ${units}`;
}

function messageOf(issue: z.core.$ZodIssue, data: unknown): string {
  const value = valueAt(data, issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return value === undefined ? `required: expected ${issue.expected}` : `expected ${issue.expected}, got ${describe(value)}`;
    case 'invalid_value': {
      const options = issue.values.map((option) => JSON.stringify(option));
      const hint = typeof value === 'string' ? didYouMean(value, issue.values.filter((option) => typeof option === 'string')) : '';
      return `${describe(value)} is not allowed: expected ${options.join(' | ')}${hint}`;
    }
    case 'too_big':
    case 'too_small':
      return /^Too (big|small)/.test(issue.message) ? sizeMessage(issue, value) : issue.message;
    case 'invalid_format':
      return typeof value === 'string' ? `${issue.message} (got ${JSON.stringify(value)})` : issue.message;
    case 'invalid_key':
      return `invalid name "${String(issue.path.at(-1))}": ${issue.issues.map((inner) => inner.message).join('; ')}`;
    default:
      return issue.message;
  }
}

/** One problem per zod issue (one per key for unknown keys), paths formatted like `services.api.colour`. */
export function problemsFromZod(root: z.core.$ZodType, issues: readonly z.core.$ZodIssue[], data: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeysAt(root, issue.path);
      for (const key of issue.keys) {
        const hint = didYouMean(key, allowed) || (allowed.length > 0 ? ` (allowed: ${allowed.join(', ')})` : '');
        problems.push({ path: formatPath([...issue.path, key]), message: `unknown key "${key}"${hint}` });
      }
    } else {
      problems.push({ path: formatPath(issue.path), message: messageOf(issue, data) });
    }
  }
  return problems;
}

/** A copy of `data` without the keys zod did not recognize, or undefined when there were none;
 * parsing it again lets semantic checks run alongside the "unknown key" problems. */
export function withoutUnknownKeys(data: unknown, issues: readonly z.core.$ZodIssue[]): unknown {
  const unknown = issues.filter((issue) => issue.code === 'unrecognized_keys');
  if (unknown.length === 0) return undefined;
  const copy: unknown = structuredClone(data);
  for (const issue of unknown) {
    const holder = valueAt(copy, issue.path);
    if (typeof holder === 'object' && holder !== null) for (const key of issue.keys) Reflect.deleteProperty(holder, key);
  }
  return copy;
}
