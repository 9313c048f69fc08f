// Each compose mapping rule and warning, on the smallest bundle that shows it.
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import { composeFile, exported, manifestOf, warningLines } from './test-bundles.ts';

const node = (script: string) => ['${node}', `\${bundleDir}/${script}`];
const http = { http: { port: 'http', path: '/healthz' } };

describe('compose: services', () => {
  it('runs the argv as the entrypoint of the Node image, from the bundle mounted read-only', () => {
    const { services } = composeFile(exported(manifestOf({ web: { command: [...node('web.mjs'), '--port', '${ports.web.http}'], ports: { http: {} } } }), 'compose'));
    expect(services.web).toMatchObject({
      image: 'node:24-slim',
      entrypoint: ['node', '/berth/bundle/web.mjs', '--port', '47000'],
      working_dir: '/berth/bundle',
      volumes: [{ type: 'bind', source: '..', target: '/berth/bundle', read_only: true }],
      expose: ['47000'],
    });
  });

  it.each([
    ['its own image', { image: 'redis:7' }, undefined, 'redis:7'],
    ['--image', {}, 'registry.example/app:1', 'registry.example/app:1'],
    ['its own image over --image', { image: 'redis:7' }, 'registry.example/app:1', 'redis:7'],
  ])('takes %s', (_label, extra, image, expected) => {
    const { services } = composeFile(exported(manifestOf({ a: { command: node('a.mjs'), ...extra } }), 'compose', { image }));
    expect(services.a?.image).toBe(expected);
  });

  it('gives a service in its own image neither the bundle nor a working folder unless it names them', () => {
    const { services } = composeFile(exported(manifestOf({ cache: { image: 'redis:7', command: ['redis-server'] } }), 'compose'));
    expect(services.cache).not.toHaveProperty('volumes');
    expect(services.cache).not.toHaveProperty('working_dir');
  });

  it('refuses (exit 2) a service with no image to run in, naming the field', () => {
    let caught: unknown;
    try {
      exported(manifestOf({ cache: { command: ['redis-server'] } }), 'compose');
    } catch (error) {
      caught = error;
    }
    expect(isBerthError(caught, 'EXPORT_INVALID')).toBe(true);
    expect((caught as { details: string[] }).details).toEqual(['services.cache.image: no image to run "redis-server" in: set services.cache.image or pass --image']);
  });

  it('resolves hosts to service names, listenHost to every interface, and folders to fixed paths; $ is escaped', () => {
    const manifest = manifestOf({
      db: { command: node('db.mjs'), ports: { http: {} }, env: { HOST: '${listenHost}', FILE: '${dataDir}/db', LOGS: '${logsDir}' } },
      api: { command: node('api.mjs'), env: { DB: 'http://${hosts.db}:${ports.db.http}', LITERAL: '$${HOME} $PATH' } },
    });
    const file = composeFile(exported(manifest, 'compose'));
    expect(file.services.db?.environment).toEqual({ HOST: '0.0.0.0', FILE: '/berth/data/db', LOGS: '/berth/logs' });
    expect(file.services.api?.environment).toEqual({ DB: 'http://db:47000', LITERAL: '$${HOME} $$PATH' });
    expect(file.services.db?.volumes).toContainEqual({ type: 'volume', source: 'data', target: '/berth/data' });
    expect(file.services.db?.volumes).toContainEqual({ type: 'volume', source: 'logs', target: '/berth/logs' });
    expect(file.volumes).toEqual({ data: {}, logs: {} });
  });

  it('publishes only the UI port, on the host loopback address', () => {
    const manifest = manifestOf({ ui: { command: node('ui.mjs'), ports: { http: { fixed: 8080 } } }, api: { command: node('api.mjs'), ports: { http: {} } } }, { ui: { service: 'ui', port: 'http' } });
    const { services } = composeFile(exported(manifest, 'compose'));
    expect(services.ui?.ports).toEqual(['127.0.0.1:8080:8080']);
    expect(services.api).not.toHaveProperty('ports');
  });
});

describe('compose: dependencies and health', () => {
  const manifest = manifestOf({
    db: { command: node('db.mjs'), ports: { http: {} }, readiness: { ...http, interval: '250ms', timeout: '2s', startTimeout: '30s', failureThreshold: 4 } },
    plain: { command: node('plain.mjs') },
    migrate: { kind: 'task', command: node('migrate.mjs'), dependsOn: { db: 'ready' } },
    api: { command: node('api.mjs'), dependsOn: { db: 'ready', plain: 'ready', migrate: 'completed', other: 'started' } },
    other: { command: node('other.mjs') },
  });
  const result = exported(manifest, 'compose');
  const { services } = composeFile(result);

  it('maps started / ready / completed exactly, and "ready" on a service without readiness to started', () => {
    expect(services.api?.depends_on).toEqual({
      db: { condition: 'service_healthy' },
      plain: { condition: 'service_started' },
      migrate: { condition: 'service_completed_successfully' },
      other: { condition: 'service_started' },
    });
  });

  it('turns the readiness probe into the healthcheck, timings carried over', () => {
    const healthcheck = services.db?.healthcheck as { test: string[] };
    expect(healthcheck).toMatchObject({ interval: '250ms', timeout: '2s', retries: 4, start_period: '30s' });
    expect(healthcheck.test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(healthcheck.test[3]).toContain('"http://127.0.0.1:47000/healthz"');
  });

  it('runs a task once: restart "no"', () => {
    expect(services.migrate?.restart).toBe('no');
  });

  it.each([
    [{ exec: { command: ['pg_isready', '-p', '${ports.db.tcp}'] } }, ['CMD', 'pg_isready', '-p', '47000']],
    [{ tcp: { port: 'tcp' } }, ['CMD', 'node', '-e']],
  ])('runs an exec probe as is and a tcp probe with node: %j', (probe, prefix) => {
    const result = exported(manifestOf({ db: { command: node('db.mjs'), ports: { tcp: { protocol: 'tcp' } }, readiness: probe } }), 'compose');
    expect((composeFile(result).services.db?.healthcheck as { test: string[] }).test.slice(0, prefix.length)).toEqual(prefix);
  });

  it.each([
    [
      'a liveness probe beside a readiness probe is left out',
      { readiness: http, liveness: http },
      'services.a.liveness: docker does not restart an unhealthy container, and a compose service has one healthcheck (the readiness probe); left out',
      true,
    ],
    ['a liveness probe alone becomes the healthcheck', { liveness: http }, 'services.a.liveness: docker does not restart an unhealthy container: the probe is the healthcheck, which only reports health', true],
    ['a log readiness probe does not map', { readiness: { log: 'READY' } }, 'services.a.readiness: a log probe has no compose equivalent; a counts as started', false],
  ])('%s', (_label, probes, warning, hasHealthcheck) => {
    const result = exported(manifestOf({ a: { command: node('a.mjs'), ports: { http: {} }, ...probes } }), 'compose');
    expect(warningLines(result)).toContain(warning);
    expect(composeFile(result).services.a?.healthcheck !== undefined).toBe(hasHealthcheck);
  });

  it('cannot check http from an image it knows nothing of: the probe is left out and dependents wait only for the start', () => {
    const manifest = manifestOf({ web: { image: 'nginx:1', command: ['nginx'], ports: { http: {} }, readiness: http }, app: { image: 'x:1', command: ['app'], dependsOn: { web: 'ready' } } });
    const result = exported(manifest, 'compose');
    expect(composeFile(result).services.web).not.toHaveProperty('healthcheck');
    expect(composeFile(result).services.app?.depends_on).toEqual({ web: { condition: 'service_started' } });
    expect(warningLines(result)).toContain(
      "services.web.readiness: compose runs health checks inside the service's image, which may have nothing to make http requests with: use an exec probe (curl, pg_isready…); web counts as started",
    );
  });
});

describe('compose: restarts, stops, tasks', () => {
  it.each([
    ['never', 'no', undefined],
    ['on-failure', 'on-failure', 'services.a.restart: docker restarts with its own back-off (100 ms doubling to 1 min) and no crash-loop limit: 5 restarts in 1m does not map'],
    ['always', 'always', 'services.a.restart: docker restarts with its own back-off (100 ms doubling to 1 min) and no crash-loop limit: 5 restarts in 1m does not map'],
    ['unless-stopped', 'unless-stopped', 'services.a.restart: docker restarts with its own back-off (100 ms doubling to 1 min) and no crash-loop limit: 5 restarts in 1m does not map'],
  ] as const)('restart policy %s → %s', (policy, restart, warning) => {
    const result = exported(manifestOf({ a: { command: node('a.mjs'), restart: { policy } } }), 'compose');
    expect(composeFile(result).services.a?.restart).toBe(restart);
    expect(warningLines(result).filter((line) => line.startsWith('services.a.restart'))).toEqual(warning === undefined ? [] : [warning]);
  });

  it('carries the stop signal and grace period over', () => {
    const { services } = composeFile(exported(manifestOf({ a: { command: node('a.mjs'), shutdown: { signal: 'SIGINT', timeout: '1m30s' } } }), 'compose'));
    expect(services.a).toMatchObject({ stop_signal: 'SIGINT', stop_grace_period: '90s' });
  });

  it('says a first-start task runs at every start and a task time limit does not map', () => {
    const result = exported(manifestOf({ t: { kind: 'task', when: ['first-start'], timeout: '5m', command: node('t.mjs') } }), 'compose');
    expect(warningLines(result)).toEqual([
      'services.t.timeout: compose has no time limit for a container: t may run longer than 5m',
      'services.t.when: compose keeps no first-start or upgrade memory: t runs at every start, so it must be idempotent',
    ]);
  });
});

describe('compose: secrets', () => {
  const manifest = manifestOf(
    { a: { command: node('a.mjs'), secrets: { TOKEN: 'env', KEY: 'file' } }, b: { command: node('b.mjs'), secrets: { TOKEN: 'env' } } },
    { secrets: { TOKEN: { generate: 32 }, KEY: { env: 'UPSTREAM_KEY', required: false }, UNUSED: { prompt: 'never asked' } } },
  );
  const result = exported(manifest, 'compose');

  it('gives every secret as a file, with NAME_FILE, from secrets/<NAME> beside compose.yaml', () => {
    const file = composeFile(result);
    expect(file.secrets).toEqual({ KEY: { file: './secrets/KEY' }, TOKEN: { file: './secrets/TOKEN' } });
    expect(file.services.a).toMatchObject({ secrets: ['KEY', 'TOKEN'], environment: { KEY_FILE: '/run/secrets/KEY', TOKEN_FILE: '/run/secrets/TOKEN' } });
    expect(file.services.b?.environment).toEqual({ TOKEN_FILE: '/run/secrets/TOKEN' });
  });

  it('lists the files to provide and how to make each, in the run commands too', () => {
    expect(result.secrets).toEqual([
      { name: 'KEY', file: 'secrets/KEY', how: 'printf %s "$UPSTREAM_KEY" > secrets/KEY', required: false },
      { name: 'TOKEN', file: 'secrets/TOKEN', how: 'head -c 32 /dev/urandom | basenc --base64url -w0 | tr -d = > secrets/TOKEN', required: true },
    ]);
    expect(result.run).toEqual(['mkdir -p secrets', 'printf %s "$UPSTREAM_KEY" > secrets/KEY', 'head -c 32 /dev/urandom | basenc --base64url -w0 | tr -d = > secrets/TOKEN', 'docker compose up']);
  });

  it('warns that "env" secrets arrive as NAME_FILE and that an optional secret still needs its file', () => {
    expect(warningLines(result).filter((line) => line.startsWith('secrets.'))).toEqual([
      'secrets.KEY: optional, but compose needs its file: an empty file stands for no value',
      'secrets.TOKEN: compose has no secret environment variables: a, b get TOKEN_FILE=/run/secrets/TOKEN instead of TOKEN, so the program must read TOKEN_FILE',
    ]);
  });
});
