// The bundle.json v1 schema (DESIGN §4). Defaults live here and types are inferred from it; the
// JSON Schema shipped to editors is generated from this same object (see json-schema.ts).
import { z } from 'zod';
import { DURATION_PATTERN, parseDurationMs } from './duration.ts';

/** A duration string ("250ms", "5s", "1m30s"), parsed to milliseconds. */
export const Duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { message: 'not a duration: write e.g. "250ms", "5s", "1m30s", "2h"' })
  .transform((text) => parseDurationMs(text) ?? 0)
  .meta({ description: 'A duration such as "250ms", "5s", "1m30s" or "168h".' });

const PortNumber = z.number().int().min(1).max(65_535);
/** An inclusive port range `[low, high]`. */
export const PortRange = z.tuple([PortNumber, PortNumber]).meta({ description: 'Inclusive port range [low, high].' });

/** A name usable as a service, port or task key, and inside `${ports.<service>.<name>}`. */
const Identifier = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, { message: 'use letters, digits, "-" and "_", starting with a letter' });
/** Environment variable and secret names. */
const EnvName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'not a valid environment variable name' });

/** A URL path; a regex rather than `.startsWith`, which the JSON Schema would render as a non-standard `format`. */
const UrlPath = z.string().regex(/^\//, { message: 'must start with "/"' });

/** argv: never a shell string. */
const Command = z.array(z.string()).min(1, { message: 'a command needs at least the program' }).meta({
  description: 'argv array; the first element is the program. Never run through a shell. Templates allowed.',
});
const Env = z.record(EnvName, z.string()).meta({ description: 'Extra environment variables; values may use templates.' });

/** One named port of a service. */
export const PortSpec = z.strictObject({
  fixed: PortNumber.optional().meta({ description: 'Exactly this port; start-up fails (naming the holder) when it is busy.' }),
  range: PortRange.optional().meta({ description: 'Allocate from this range instead of the bundle-wide one.' }),
  protocol: z.enum(['http', 'tcp']).default('http'),
});

const ProbeTiming = {
  interval: Duration.prefault('1s'),
  timeout: Duration.prefault('1s'),
  startTimeout: Duration.prefault('60s'),
  failureThreshold: z.number().int().min(1).default(3),
};

/** Readiness / liveness probe: exactly one of http, tcp, exec, log, notify (readiness only). */
export const Probe = z
  .strictObject({
    http: z.strictObject({ port: Identifier, path: UrlPath.default('/'), host: z.string().default('127.0.0.1') }).optional(),
    tcp: z.strictObject({ port: Identifier, host: z.string().default('127.0.0.1') }).optional(),
    exec: z.strictObject({ command: Command }).optional(),
    log: z.string().min(1).optional().meta({ description: 'A substring, or /regex/flags, matched against each stdout/stderr line.' }),
    notify: z.literal('fd').optional().meta({ description: 'Readiness only: the service gets a pipe at fd 3 (BERTH_NOTIFY_FD=3) and writes "READY=1\\n" (or an empty line) on it when ready; "STATUS=…" lines show in /status.' }),
    ...ProbeTiming,
  })
  .refine((probe) => [probe.http, probe.tcp, probe.exec, probe.log, probe.notify].filter((kind) => kind !== undefined).length === 1, {
    message: 'a probe needs exactly one of "http", "tcp", "exec", "log" or "notify"',
  });

/** What a dependency must reach before its dependent starts. */
export const DependencyCondition = z.enum(['started', 'ready', 'completed']);
export const RestartPolicy = z.enum(['never', 'on-failure', 'always', 'unless-stopped']);
export const TaskWhen = z.enum(['first-start', 'upgrade', 'always']);
const Signal = z.enum(['SIGTERM', 'SIGINT', 'SIGQUIT', 'SIGHUP', 'SIGUSR1', 'SIGUSR2', 'SIGKILL']);

/** Restart block; defaults near docker's (100 ms doubling to 30 s). */
export const RestartSpec = z.strictObject({
  policy: RestartPolicy.default('on-failure'),
  maxRestarts: z.number().int().min(0).default(5),
  window: Duration.prefault('60s'),
  resetAfter: Duration.prefault('10s'),
  backoff: z
    .strictObject({
      initial: Duration.prefault('100ms'),
      max: Duration.prefault('30s'),
      factor: z.number().min(1).default(2),
    })
    .prefault({}),
});

/**
 * How a service is stopped: its graceful channel if it declares one (`http` or `stdin`), then its
 * `signal` (`taskkill /T` on Windows), then SIGKILL (`taskkill /T /F`), each step `timeout` after
 * the one before, unless the process has exited.
 */
export const ShutdownSpec = z
  .strictObject({
    signal: Signal.default('SIGTERM'),
    timeout: Duration.prefault('10s').meta({ description: 'How long each step of the stop (channel, signal) waits for the exit before the next one.' }),
    http: z
      .strictObject({ port: Identifier, path: UrlPath })
      .optional()
      .meta({ description: 'Graceful channel: POST this path on 127.0.0.1 at the named port of this service before any signal (the way to stop a program cleanly on Windows).' }),
    stdin: z.boolean().default(false).meta({ description: 'Graceful channel: give the service a stdin pipe and close it to ask for a stop, before any signal (the way to stop a program cleanly on Windows).' }),
  })
  .refine((shutdown) => shutdown.http === undefined || !shutdown.stdin, { message: 'declare one graceful channel: "http" or "stdin", not both' });

const PlatformOverride = z.strictObject({ command: Command.optional(), env: Env.optional() });

/** One service or task of the bundle. */
export const ServiceSpec = z.strictObject({
  kind: z.enum(['service', 'task']).default('service'),
  description: z.string().optional(),
  command: Command,
  image: z
    .string()
    .regex(/^[^\s]+$/, { message: 'an image reference such as "postgres:17" (no spaces)' })
    .optional()
    .meta({ description: 'Container image for `berth export compose|kubernetes`; Berth itself ignores it. Default: --image, else a Node 24 image when the command starts with ${node}.' }),
  cwd: z.string().optional().meta({ description: 'Working directory (templates allowed); default: the bundle directory.' }),
  env: Env.default({}),
  requiredEnv: z.array(EnvName).default([]).meta({
    description: 'Variables the service needs with a non-empty value (from env, --env-file, the inherited environment or its secrets); checked before anything starts.',
  }),
  platforms: z.strictObject({ darwin: PlatformOverride.optional(), win32: PlatformOverride.optional(), linux: PlatformOverride.optional() }).optional(),
  ports: z.record(Identifier, PortSpec).default({}),
  dependsOn: z.record(z.string(), DependencyCondition).default({}),
  when: z.array(TaskWhen).min(1).optional().meta({ description: 'Tasks only: run on first start, on upgrade, or always (default ["always"]).' }),
  timeout: Duration.optional().meta({ description: 'Tasks only: kill the task when it runs longer than this.' }),
  readiness: Probe.optional(),
  liveness: Probe.optional(),
  restart: RestartSpec.prefault({}),
  shutdown: ShutdownSpec.prefault({}),
  secrets: z.record(z.string(), z.enum(['env', 'file'])).default({}),
});

/** A top-level secret declaration: exactly one source. */
export const SecretSpec = z
  .strictObject({
    generate: z.number().int().min(8).max(1024).optional().meta({ description: 'Generate this many random bytes once and persist them (0600).' }),
    env: EnvName.optional().meta({ description: "Read from this variable of the supervisor's environment." }),
    prompt: z.string().optional().meta({ description: 'Ask a person (POST /secrets, berth secrets set, the desktop app).' }),
    required: z.boolean().default(true),
    description: z.string().optional(),
  })
  .refine((secret) => [secret.generate, secret.env, secret.prompt].filter((source) => source !== undefined).length === 1, {
    message: 'a secret needs exactly one source: "generate", "env" or "prompt"',
  });

/** bundle.json, schema version 1. */
export const BundleManifest = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  app: z.strictObject({
    // No regex flags: the JSON Schema `pattern` carries none, and editors must agree with zod.
    id: z.string().regex(/^[a-zA-Z0-9]+(\.[a-zA-Z0-9-]+)+$/, { message: 'use a reverse-DNS id such as "dev.berth.notes"' }),
    name: z.string().min(1),
    version: z.string().regex(/^\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/, { message: 'use a semantic version such as "1.2.3"' }),
  }),
  ports: z.strictObject({ range: PortRange.default([47_000, 47_999]) }).prefault({}),
  control: z
    .strictObject({ port: PortNumber.optional(), range: PortRange.default([47_000, 47_999]) })
    .prefault({})
    .meta({ description: 'Where the control API listens (127.0.0.1).' }),
  logs: z
    .strictObject({ maxBytes: z.number().int().min(1024).default(10 * 1024 * 1024), maxFiles: z.number().int().min(1).max(100).default(5) })
    .prefault({})
    .meta({ description: 'Size rotation of logs/<service>.log and telemetry.jsonl.' }),
  secrets: z.record(EnvName, SecretSpec).default({}),
  ui: z.strictObject({ service: z.string(), port: z.string(), path: UrlPath.default('/') }).optional(),
  updates: z
    .strictObject({
      feed: z
        .string()
        .regex(/^https?:\/\/[^\s]+$/, { message: 'an http:// or https:// URL' })
        .optional()
        .meta({ description: 'URL of a JSON document {"version", "url", "sha256"} naming the newest bundle (.tgz).' }),
      secret: EnvName.optional().meta({ description: 'A declared secret sent to the feed as a bearer token (clients never see it).' }),
      readyTimeout: Duration.prefault('2m').meta({ description: 'How long a new version may take to be all ready before the hand-off rolls back.' }),
    })
    .prefault({})
    .meta({ description: 'Bundle updates: where to look for new versions, and the hand-off between them.' }),
  services: z.record(Identifier, ServiceSpec).refine((services) => Object.keys(services).length > 0, { message: 'a bundle needs at least one service' }),
});

export type BundleManifest = z.output<typeof BundleManifest>;
export type BundleManifestInput = z.input<typeof BundleManifest>;
export type ServiceSpec = z.output<typeof ServiceSpec>;
export type Probe = z.output<typeof Probe>;
export type PortSpec = z.output<typeof PortSpec>;
export type SecretSpec = z.output<typeof SecretSpec>;
export type RestartSpec = z.output<typeof RestartSpec>;
export type DependencyCondition = z.output<typeof DependencyCondition>;
export type RestartPolicy = z.output<typeof RestartPolicy>;
export type TaskWhen = z.output<typeof TaskWhen>;
