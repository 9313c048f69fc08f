// What every service's environment starts from (DESIGN §2, issue 19). The server profile passes
// on only an allowlist of the supervisor's own environment (plus `--inherit-env` names), so what a
// shell or CI job exported never reaches a service; the other profiles pass on all of it. Env
// files (`--env-file`, later wins) are the operator's own configuration in every profile: they
// override the bundle's `env`, as `docker run --env-file` overrides an image's. Pure.
import type { EnvFile } from './env-file.ts';

/** Variables of the supervisor's environment the server profile passes on; `LC_*` too. */
export const SERVER_INHERITED = ['PATH', 'HOME', 'LANG', 'TZ', 'TMPDIR'] as const;
/** Windows cannot start most programs without these (names compared case-insensitively there). */
const WINDOWS_INHERITED = ['SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT', 'TEMP', 'TMP', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA'];
/** The supervisor's own credential: never passed to any service. */
export const NEVER_INHERITED: readonly string[] = ['BERTH_API_KEY'];

/** How the environment of services is made for one run. */
export interface ServiceEnvInput {
  readonly profile: 'desktop' | 'headless' | 'server';
  readonly supervisorEnv: Readonly<Record<string, string | undefined>>;
  readonly envFiles: readonly EnvFile[];
  /** `--inherit-env` names (server profile). */
  readonly inherit: readonly string[];
  readonly platform?: NodeJS.Platform;
}

/** The environment every service starts from, and where its values came from. */
export interface ServiceEnvironment {
  /** From the supervisor's environment (all of it, or the server profile's allowlist); below the bundle's env. */
  readonly inherited: Readonly<Record<string, string>>;
  /** The env files merged (later wins); above the bundle's env, below secrets. */
  readonly overrides: Readonly<Record<string, string>>;
  /** Where `name` is looked for, for messages: "bundle env", "--env-file a.env", the supervisor's environment. */
  lookedIn(name: string): string[];
  /** Set in the supervisor's environment but not passed on (server profile): named in hints, never valued. */
  readonly withheld: ReadonlySet<string>;
  /** What env-source secrets and BERTH_SECRET_* are read from: the supervisor's environment, then the env files. */
  readonly secretSource: Readonly<Record<string, string | undefined>>;
}

/** True when the server profile passes `name` on from the supervisor's environment. */
export function isInherited(name: string, inherit: readonly string[], platform: NodeJS.Platform = process.platform): boolean {
  const key = platform === 'win32' ? name.toUpperCase() : name;
  const listed = (names: readonly string[]) => names.some((entry) => (platform === 'win32' ? entry.toUpperCase() : entry) === key);
  return listed(SERVER_INHERITED) || key.startsWith('LC_') || listed(inherit) || (platform === 'win32' && listed(WINDOWS_INHERITED));
}

/** Composes the environment services start from (pure). */
export function composeServiceEnv(input: ServiceEnvInput): ServiceEnvironment {
  const server = input.profile === 'server';
  const inherited: Record<string, string> = {};
  const withheld = new Set<string>();
  for (const [name, value] of Object.entries(input.supervisorEnv)) {
    if (value === undefined || NEVER_INHERITED.includes(name)) continue;
    if (server && !isInherited(name, input.inherit, input.platform)) withheld.add(name);
    else inherited[name] = value;
  }
  const overrides: Record<string, string> = {};
  for (const file of input.envFiles) Object.assign(overrides, file.values);
  const files = input.envFiles.map((file) => `--env-file ${file.label}`);
  return {
    inherited,
    overrides,
    lookedIn: (name) => ['bundle env', ...files, ...(!server || isInherited(name, input.inherit, input.platform) ? ["the supervisor's environment"] : [])],
    withheld,
    secretSource: { ...input.supervisorEnv, ...overrides },
  };
}

/** Copies `env` without the names in `strip` (secrets a service did not ask for). */
export function withoutNames(env: Readonly<Record<string, string>>, strip: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (!strip.includes(name)) kept[name] = value;
  return kept;
}
