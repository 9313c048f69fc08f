// What a statement's parameters may be in JSON, how they are bound, and how result rows go back
// to JSON: integers bind as INTEGER (not REAL), booleans as 0/1, blobs travel as {"$blob": base64};
// integers beyond 2^53 come back as strings rather than losing precision.
import type { SQLInputValue, SQLOutputValue } from 'node:sqlite';
import { z } from 'zod';

/** One parameter value. */
export const ParamValue = z.union([
  z.string(),
  z.number().refine(Number.isFinite, { message: 'numbers must be finite' }),
  z.boolean(),
  z.null(),
  z.strictObject({ $blob: z.base64() }),
]);
export type ParamValue = z.output<typeof ParamValue>;

/** Positional (`?`) or named (`:name`, `$name`, `@name`) parameters. */
export const Params = z.union([
  z.array(ParamValue).max(32_766),
  z.record(z.string().regex(/^[:$@]?[A-Za-z_][A-Za-z0-9_]*$/, { message: 'not a parameter name' }), ParamValue),
]);
export type Params = z.output<typeof Params>;

const toInput = (value: ParamValue): SQLInputValue => {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (value !== null && typeof value === 'object') return Buffer.from(value.$blob, 'base64');
  return value;
};

/** Parameters ready to bind: named ones as an object, else positional ones in order. */
export type BindArguments = { named: Record<string, SQLInputValue> } | { positional: SQLInputValue[] };

/** Converts JSON `params` to what StatementSync#run/iterate take. */
export function toBindArguments(params: Params | undefined): BindArguments {
  if (params === undefined) return { positional: [] };
  if (Array.isArray(params)) return { positional: params.map(toInput) };
  return { named: Object.fromEntries(Object.entries(params).map(([name, value]) => [name, toInput(value)])) };
}

/** A value of a result row, as JSON. */
export type JsonCell = string | number | null | { $blob: string };

const toJsonCell = (value: SQLOutputValue): JsonCell => {
  if (typeof value === 'bigint') return toJsonRowid(value);
  if (value instanceof Uint8Array) return { $blob: Buffer.from(value).toString('base64') };
  return value;
};

/** Converts a row read with `setReadBigInts(true)` to plain JSON. */
export function toJsonRow(row: Record<string, SQLOutputValue>): Record<string, JsonCell> {
  const out: Record<string, JsonCell> = {};
  for (const [column, value] of Object.entries(row)) out[column] = toJsonCell(value);
  return out;
}

/** A rowid (number or bigint) as a JSON number when safe, else a string. */
export function toJsonRowid(rowid: number | bigint): number | string {
  if (typeof rowid === 'number') return rowid;
  return rowid >= BigInt(Number.MIN_SAFE_INTEGER) && rowid <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(rowid) : rowid.toString();
}
