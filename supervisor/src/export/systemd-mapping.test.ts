// Each systemd mapping rule and warning, on the smallest bundle that shows it.
import { describe, expect, it } from 'vitest';
import { exported, fileText, manifestOf, unitSettings, warningLines } from './test-bundles.ts';

const node = (script: string) => ['${node}', `\${bundleDir}/${script}`];
const http = { http: { port: 'http', path: '/healthz' } };
const unit = (service: string) => `dev.berth.test-${service}.service`;

describe('systemd: units and order', () => {
  const manifest = manifestOf({
    db: { command: [...node('db.mjs'), '${ports.db.http}'], ports: { http: {} }, readiness: { ...http, interval: '250ms', timeout: '2s', startTimeout: '30s' }, env: { FILE: '${dataDir}/db', LOGS: '${logsDir}' } },
    migrate: { kind: 'task', command: node('migrate.mjs'), dependsOn: { db: 'ready' }, timeout: '5m' },
    api: { command: node('api.mjs'), env: { DB: 'http://${hosts.db}:${ports.db.http}', HOST: '${listenHost}' }, dependsOn: { db: 'ready', migrate: 'completed' } },
  });
  const result = exported(manifest, 'systemd');

  it('writes one unit per service and a target that wants them all', () => {
    expect(result.files.map((file) => file.name)).toEqual([unit('api'), unit('db'), unit('migrate'), 'dev.berth.test.target', 'README.md']);
    expect(unitSettings(result, 'dev.berth.test.target')).toEqual({
      'Unit.Description': ['Test 1.0.0 (dev.berth.test)'],
      'Unit.Wants': [`${unit('api')} ${unit('db')} ${unit('migrate')}`],
      'Install.WantedBy': ['multi-user.target'],
    });
  });

  it('orders with Requires= and After=, and stops with the target', () => {
    expect(unitSettings(result, unit('api'))).toMatchObject({ 'Unit.PartOf': ['dev.berth.test.target'], 'Unit.Requires': [`${unit('db')} ${unit('migrate')}`], 'Unit.After': [`${unit('db')} ${unit('migrate')}`] });
  });

  it('holds a service with a readiness probe in "activating" until the probe passes, bounded by startTimeout', () => {
    const db = unitSettings(result, unit('db'));
    expect(db).toMatchObject({ 'Service.Type': ['exec'], 'Service.ExecStart': ['/usr/bin/node /srv/app/db.mjs 47000'], 'Service.TimeoutStartSec': ['30s'] });
    const post = db['Service.ExecStartPost']?.[0] ?? '';
    expect(post.startsWith('/usr/bin/node -e "')).toBe(true);
    expect(post).toContain('\\"http://127.0.0.1:47000/healthz\\",{timeout:2000}');
    expect(post).toContain('setTimeout(t,250)');
  });

  it('makes a task a oneshot that stays active once done, its timeout as the start limit', () => {
    expect(unitSettings(result, unit('migrate'))).toMatchObject({ 'Service.Type': ['oneshot'], 'Service.RemainAfterExit': ['yes'], 'Service.Restart': ['no'], 'Service.TimeoutStartSec': ['5m'] });
  });

  it('runs every unit as one dynamic user, from the bundle folder; hosts and listenHost are the loopback address', () => {
    expect(unitSettings(result, unit('api'))).toMatchObject({
      'Service.DynamicUser': ['yes'],
      'Service.User': ['dev-berth-test'],
      'Service.WorkingDirectory': ['/srv/app'],
      'Service.Environment': ['"DB=http://127.0.0.1:47000"', '"HOST=127.0.0.1"'],
    });
  });

  it('gives ${dataDir} and ${logsDir} as StateDirectory= and LogsDirectory= to the units that name them', () => {
    expect(unitSettings(result, unit('db'))).toMatchObject({ 'Service.StateDirectory': ['dev.berth.test'], 'Service.LogsDirectory': ['dev.berth.test'], 'Service.Environment': ['"FILE=/var/lib/dev.berth.test/db"', '"LOGS=/var/log/dev.berth.test"'] });
    expect(unitSettings(result, unit('api'))).not.toHaveProperty('Service.StateDirectory');
  });

  it('uses --node-path for ${node}', () => {
    expect(unitSettings(exported(manifest, 'systemd', { nodePath: '/opt/node/bin/node' }), unit('api'))['Service.ExecStart']).toEqual(['/opt/node/bin/node /srv/app/api.mjs']);
  });
});

describe('systemd: restarts and stops', () => {
  it.each([
    ['never', 'no', false],
    ['on-failure', 'on-failure', true],
    ['always', 'always', true],
    ['unless-stopped', 'always', true],
  ] as const)('restart policy %s → Restart=%s', (policy, restart, limited) => {
    const result = exported(manifestOf({ a: { command: node('a.mjs'), restart: { policy, maxRestarts: 4, window: '2m', backoff: { initial: '500ms' } } } }), 'systemd');
    const settings = unitSettings(result, unit('a'));
    expect(settings['Service.Restart']).toEqual([restart]);
    expect(settings['Unit.StartLimitBurst']).toEqual(limited ? ['5'] : undefined);
    expect(settings['Unit.StartLimitIntervalSec']).toEqual(limited ? ['2m'] : undefined);
    expect(settings['Service.RestartSec']).toEqual(limited ? ['500ms'] : undefined);
    expect(warningLines(result).includes('services.a.restart.backoff: systemd waits a fixed RestartSec=500ms between restarts: the doubling back-off with jitter does not map')).toBe(limited);
  });

  it('carries the stop signal and timeout over', () => {
    expect(unitSettings(exported(manifestOf({ a: { command: node('a.mjs'), shutdown: { signal: 'SIGINT', timeout: '20s' } } }), 'systemd'), unit('a'))).toMatchObject({ 'Service.KillSignal': ['SIGINT'], 'Service.TimeoutStopSec': ['20s'] });
  });
});

describe('systemd: secrets and escaping', () => {
  it('loads each secret as a credential and names its file in NAME_FILE', () => {
    const manifest = manifestOf({ a: { command: node('a.mjs'), secrets: { TOKEN: 'env', KEY: 'file' } } }, { secrets: { TOKEN: { generate: 32 }, KEY: { prompt: "Partner's key" } } });
    const result = exported(manifest, 'systemd');
    expect(unitSettings(result, unit('a'))).toMatchObject({
      'Service.Environment': ['"KEY_FILE=%d/KEY"', '"TOKEN_FILE=%d/TOKEN"'],
      'Service.LoadCredential': ['KEY:/etc/credstore/dev.berth.test/KEY', 'TOKEN:/etc/credstore/dev.berth.test/TOKEN'],
    });
    expect(result.run.slice(0, 3)).toEqual([
      'install -d -m 0700 /etc/credstore/dev.berth.test',
      `printf '%s: ' 'Partners key' >&2; stty -echo 2>/dev/null; IFS= read -r value; stty echo 2>/dev/null; printf %s "$value" > /etc/credstore/dev.berth.test/KEY`,
      'head -c 32 /dev/urandom | basenc --base64url -w0 | tr -d = > /etc/credstore/dev.berth.test/TOKEN',
    ]);
    expect(warningLines(result)).toContain('secrets.TOKEN: systemd has no secret environment variables: a gets TOKEN_FILE=$CREDENTIALS_DIRECTORY/TOKEN instead of TOKEN, so the program must read TOKEN_FILE');
  });

  it('escapes specifiers and variables, and quotes only words that need it', () => {
    const manifest = manifestOf({ a: { description: '100% %n', command: ['/bin/sh', '-c', 'echo $HOME 50% "q" \\ ;', ';', ''], env: { X: 'a "b" %h $PATH' } } });
    const text = fileText(exported(manifest, 'systemd'), unit('a'));
    expect(text).toContain('Description=Test a: 100%% %%n\n');
    expect(text).toContain('ExecStart=/bin/sh -c "echo $$HOME 50%% \\"q\\" \\\\ ;" \\; ""\n');
    expect(text).toContain('Environment="X=a \\"b\\" %%h $PATH"\n');
  });
});

describe('systemd: what does not map', () => {
  it.each([
    [{ a: { command: node('a.mjs'), ports: { http: {} }, liveness: http } }, 'services.a.liveness: systemd has no liveness probe (WatchdogSec= needs the program to call sd_notify); left out'],
    [{ a: { command: node('a.mjs'), readiness: { log: 'READY' } } }, 'services.a.readiness: a log probe has no systemd equivalent; a counts as started'],
    [
      { a: { command: node('a.mjs'), ports: { http: {} }, readiness: http }, b: { command: node('b.mjs'), dependsOn: { a: 'started' } } },
      'services.b.dependsOn.a: systemd orders b after a is active, which is once its readiness probe passes: "started" becomes "ready"',
    ],
    [{ t: { kind: 'task', command: node('t.mjs') }, b: { command: node('b.mjs'), dependsOn: { t: 'started' } } }, 'services.b.dependsOn.t: a oneshot unit is active once it has exited: b waits for t to finish'],
    [{ t: { kind: 'task', when: ['first-start', 'upgrade'], command: node('t.mjs') } }, 'services.t.when: systemd keeps no first-start or upgrade memory: t runs at every start, so it must be idempotent'],
  ])('%#: %j', (services, warning) => {
    expect(warningLines(exported(manifestOf(services), 'systemd'))).toContain(warning);
  });

  it('maps "started" on a service without a readiness probe exactly', () => {
    const result = exported(manifestOf({ a: { command: node('a.mjs') }, b: { command: node('b.mjs'), dependsOn: { a: 'started' } } }), 'systemd');
    expect(warningLines(result).filter((line) => line.includes('dependsOn'))).toEqual([]);
    expect(unitSettings(result, unit('a'))).not.toHaveProperty('Service.ExecStartPost');
  });
});
