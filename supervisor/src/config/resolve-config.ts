// Settings resolve flag > BERTH_* environment > file > default (DESIGN §3). Each layer is parsed
// with zod into "what was said" (undefined = not said), then merged so a default can never
// override an explicit value.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { BerthError } from '../errors.ts';

/** The three runtime profiles (DESIGN §2). */
export const Profile = z.enum(['desktop', 'headless', 'server']);
export type Profile = z.infer<typeof Profile>;

const PortFlag = z.coerce.number().int().min(0).max(65_535);
const BoolText = z.enum(['1', '0', 'true', 'false', 'yes', 'no']).transform((text) => text === '1' || text === 'true' || text === 'yes');

/** What the command line said (commander's option object, already named). */
export const RunFlags = z.object({
  bundle: z.string().optional(),
  stateDir: z.string().optional(),
  profile: Profile.optional(),
  controlPort: PortFlag.optional(),
  dashboard: z.boolean().optional(),
  exitWithParent: z.boolean().optional(),
  seedBundle: z.string().optional(),
  envFile: z.array(z.string().min(1)).optional(),
  inheritEnv: z.array(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'not a valid environment variable name' })).optional(),
  controlHost: z.string().min(1).optional(),
  apiKeyFile: z.string().min(1).optional(),
  exitOnFailure: z.boolean().optional(),
});
export type RunFlags = z.infer<typeof RunFlags>;

/** What BERTH_* variables said. */
const EnvLayer = z.object({
  BERTH_BUNDLE: z.string().min(1).optional(),
  BERTH_STATE_DIR: z.string().min(1).optional(),
  BERTH_PROFILE: Profile.optional(),
  BERTH_CONTROL_PORT: PortFlag.optional(),
  BERTH_DASHBOARD: BoolText.optional(),
  BERTH_EXIT_WITH_PARENT: BoolText.optional(),
  BERTH_CONTROL_HOST: z.string().min(1).optional(),
  BERTH_EXIT_ON_FAILURE: BoolText.optional(),
});

/** The resolved settings of one `berth run`. */
export interface RunConfig {
  /** --bundle > BERTH_BUNDLE > ./bundle.json > the packaged one; undefined: only installed versions (a state dir is given). */
  readonly bundlePath: string | undefined;
  /** The bundle was named (--bundle, BERTH_BUNDLE): it runs as it is, installed versions aside. */
  readonly explicitBundle: boolean;
  /** The desktop app's shipped bundle: installed when newer than every installed version, then `current` runs. */
  readonly seedBundle: string | undefined;
  /** undefined: derive from the manifest's app.id (needs the manifest first). */
  readonly stateDir: string | undefined;
  readonly profile: Profile;
  readonly controlPort: number | undefined;
  readonly dashboard: boolean;
  readonly exitWithParent: boolean;
  /** `--env-file` files in order (later wins): absolute path, and the path as given for messages. */
  readonly envFiles: readonly { readonly path: string; readonly label: string }[];
  /** `--inherit-env` names (server profile). */
  readonly inheritEnv: readonly string[];
  /** `--control-host` / BERTH_CONTROL_HOST; undefined = 127.0.0.1 (see control-access.ts). */
  readonly controlHost: string | undefined;
  /** `--api-key-file` (else BERTH_API_KEY; see control-access.ts). */
  readonly apiKeyFile: string | undefined;
  /** Stop everything and exit 1 when a service gives up (restart budget exhausted). */
  readonly exitOnFailure: boolean;
}

/** First value that was explicitly given, else the default. */
export function firstDefined<T>(...values: ReadonlyArray<T | undefined>): T | undefined {
  return values.find((value) => value !== undefined);
}

/** Parses BERTH_* variables, naming the variable in any error (exit 2). */
export function parseEnvLayer(env: NodeJS.ProcessEnv): z.infer<typeof EnvLayer> {
  const parsed = EnvLayer.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BerthError('CONFIG_INVALID', `${String(issue?.path.join('.') ?? 'environment')}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** Resolves the run settings; `hasHandshakeChannel` picks the desktop default (spawned by the shell). */
export function resolveRunConfig(flags: RunFlags, env: NodeJS.ProcessEnv, cwd: string, options: { resourcesBundle?: string } = {}): RunConfig {
  const fromEnv = parseEnvLayer(env);
  const explicitBundle = firstDefined(flags.bundle, fromEnv.BERTH_BUNDLE);
  const localBundle = existsSync(resolve(cwd, 'bundle.json')) ? 'bundle.json' : undefined;
  const bundle = firstDefined(explicitBundle, localBundle, flags.seedBundle, options.resourcesBundle);
  const stateDir = firstDefined(flags.stateDir, fromEnv.BERTH_STATE_DIR);
  // With a state dir, its installed current version can run without any bundle.json at hand.
  if (bundle === undefined && stateDir === undefined) {
    throw new BerthError('MANIFEST_NOT_FOUND', 'no bundle.json: pass --bundle <file>, set BERTH_BUNDLE, run where a bundle.json is, or pass the --state-dir of installed versions');
  }
  const profile = firstDefined(flags.profile, fromEnv.BERTH_PROFILE) ?? 'headless';
  return {
    bundlePath: bundle === undefined ? undefined : resolve(cwd, bundle),
    explicitBundle: explicitBundle !== undefined,
    seedBundle: flags.seedBundle === undefined ? undefined : resolve(cwd, flags.seedBundle),
    stateDir: stateDir === undefined ? undefined : resolve(cwd, stateDir),
    profile,
    controlPort: firstDefined(flags.controlPort, fromEnv.BERTH_CONTROL_PORT),
    dashboard: firstDefined(flags.dashboard, fromEnv.BERTH_DASHBOARD) ?? false,
    // The desktop profile always follows its parent (DESIGN §2); others on request.
    exitWithParent: firstDefined(flags.exitWithParent, fromEnv.BERTH_EXIT_WITH_PARENT) ?? profile === 'desktop',
    envFiles: (flags.envFile ?? []).map((label) => ({ path: resolve(cwd, label), label })),
    inheritEnv: flags.inheritEnv ?? [],
    controlHost: firstDefined(flags.controlHost, fromEnv.BERTH_CONTROL_HOST),
    apiKeyFile: flags.apiKeyFile === undefined ? undefined : resolve(cwd, flags.apiKeyFile),
    exitOnFailure: firstDefined(flags.exitOnFailure, fromEnv.BERTH_EXIT_ON_FAILURE) ?? false,
  };
}


/** The bundle a verb that needs one works on (validate, export): MANIFEST_NOT_FOUND when there is none at hand. */
export function requireBundlePath(config: RunConfig): string {
  if (config.bundlePath === undefined) throw new BerthError('MANIFEST_NOT_FOUND', 'no bundle.json: pass --bundle <file>, set BERTH_BUNDLE, or run where a bundle.json is');
  return config.bundlePath;
}
