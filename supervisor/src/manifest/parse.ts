// bundle.json text → a validated manifest, pure (no file system): JSON with line:column errors,
// the zod schema, then the semantic checks. Every problem is reported at once.
import { dirname } from 'node:path';
import { BerthError } from '../errors.ts';
import { lineColumnOf, scanJson } from './json-scan.ts';
import { formatPath, formatProblems, type ManifestProblem } from './problems.ts';
import { BundleManifest } from './schema.ts';
import { validateManifest } from './validate.ts';
import { problemsFromZod, withoutUnknownKeys } from './zod-problems.ts';

/** A manifest that passed every check, with where it came from. */
export interface LoadedManifest {
  readonly manifest: BundleManifest;
  /** The bundle.json path as given. */
  readonly path: string;
  /** Its folder: `${bundleDir}` and the services' default cwd. */
  readonly bundleDir: string;
}

/** JSON.parse, turning a syntax error into a problem located at line:column. */
function parseJson(text: string): { ok: true; data: unknown } | { ok: false; problem: ManifestProblem } {
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch (error) {
    const scanned = scanJson(text).error;
    const where = scanned === undefined ? '' : ` at line ${lineColumnOf(text, scanned.offset)}`;
    const reason = scanned?.message ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, problem: { path: '(root)', message: `not valid JSON${where}: ${reason}` } };
  }
}

/** Keys written twice in one object: JSON.parse keeps the last silently, so say so. */
function duplicateKeyProblems(text: string): ManifestProblem[] {
  return scanJson(text).duplicates.map(({ path, offset }) => ({
    path: formatPath(path),
    message: `duplicate key "${String(path.at(-1))}" at line ${lineColumnOf(text, offset)}: only the last one would count`,
  }));
}

/** Every problem of a manifest text, syntax, schema and semantics; [] when it is valid. */
export function findManifestProblems(text: string): { problems: ManifestProblem[]; manifest?: BundleManifest } {
  const source = text.replace(/^\uFEFF/, '');
  const json = parseJson(source);
  if (!json.ok) return { problems: [json.problem] };
  const duplicates = duplicateKeyProblems(source);
  const parsed = BundleManifest.safeParse(json.data);
  if (parsed.success) return { problems: [...duplicates, ...validateManifest(parsed.data)], manifest: parsed.data };
  const schemaProblems = problemsFromZod(BundleManifest, parsed.error.issues, json.data);
  // When unknown keys are the only schema problems, check the rest too, so one run lists everything.
  const retried = BundleManifest.safeParse(withoutUnknownKeys(json.data, parsed.error.issues));
  return { problems: [...duplicates, ...schemaProblems, ...(retried.success ? validateManifest(retried.data) : [])] };
}

/** The MANIFEST_INVALID error for a list of problems: a summary, then "path: message" per line. */
export function manifestInvalidError(sourcePath: string, problems: readonly ManifestProblem[]): BerthError {
  const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
  return new BerthError('MANIFEST_INVALID', `${sourcePath} is not a valid bundle manifest (${count})`, { details: formatProblems(problems) });
}

/** Parses and validates manifest text; throws BerthError MANIFEST_INVALID listing every problem. */
export function parseManifest(text: string, sourcePath: string): LoadedManifest {
  const { problems, manifest } = findManifestProblems(text);
  if (problems.length > 0 || manifest === undefined) throw manifestInvalidError(sourcePath, problems);
  return { manifest, path: sourcePath, bundleDir: dirname(sourcePath) };
}
