// A manifest problem: where (a JSON path such as `services.api.dependsOn.dbb`) and what.

/** One problem found in bundle.json. */
export interface ManifestProblem {
  readonly path: string;
  readonly message: string;
}

/** Every problem of one manifest, as validation returns them. */
export type ManifestProblems = readonly ManifestProblem[];

/** The service called `name`, own keys only (so "constructor" or "__proto__" is never a service). */
export function serviceNamed<T>(services: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(services, name) ? services[name] : undefined;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** JSON path text for a list of keys: `services.api.command[0]`, `secrets["my key"]`, `(root)` for none. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && PLAIN_KEY.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text === '' ? '(root)' : text;
}

/** One line per problem, "path: message", in path order (stable for equal paths), each line once. */
export function formatProblems(problems: readonly ManifestProblem[]): string[] {
  const sorted = [...problems].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...new Set(sorted.map(({ path, message }) => `${path}: ${message}`))];
}
