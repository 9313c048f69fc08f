// Smoke test of the pure parts of the bench: every peer's configuration is generated from the
// same scenario (same services, ports, environment, grace period).
import { describe, expect, it } from 'vitest';
import { berthBundle } from './peers/berth-config.ts';
import { pm2Ecosystem } from './peers/pm2-config.ts';
import { s6ScanFiles } from './peers/s6-config.ts';
import { supervisordConf } from './peers/supervisord-config.ts';
import { parseListenLog } from './lib/listen-log.ts';
import { pairedRatios, quantile, summarize } from './lib/stats.ts';
import { chainScenario, independentScenario } from './scenarios/services.ts';

const scenario = independentScenario({ node: '/usr/bin/node', ports: [21001, 21002], listenLog: '/tmp/listen.log', graceMs: 1000, ignoreTerm: true });

describe('config generators', () => {
  it('Berth: one service per scenario service, fixed port, PORT templated, grace in ms', () => {
    const bundle = berthBundle(scenario, [40_000, 40_999]) as { services: Record<string, { command: string[]; env: Record<string, string>; ports: unknown; shutdown: unknown; readiness: unknown }> };
    expect(Object.keys(bundle.services)).toEqual(['svc000', 'svc001']);
    const first = bundle.services.svc000;
    expect(first?.command[0]).toBe('${node}');
    expect(first?.env.PORT).toBe('${ports.svc000.http}');
    expect(first?.env.IGNORE_TERM).toBe('1');
    expect(first?.ports).toEqual({ http: { fixed: 21001 } });
    expect(first?.shutdown).toEqual({ signal: 'SIGTERM', timeout: '1000ms' });
    expect(first?.readiness).toEqual({ tcp: { port: 'http' } });
  });

  it('Berth: a chain depends on the previous level being ready', () => {
    const chain = chainScenario({ node: '/usr/bin/node', ports: [1, 2, 3], listenLog: '/tmp/l', startDelayMs: 100 });
    const bundle = berthBundle(chain, [40_000, 40_999]) as { services: Record<string, { dependsOn?: Record<string, string> }> };
    expect(bundle.services.lvl000?.dependsOn).toBeUndefined();
    expect(bundle.services.lvl002?.dependsOn).toEqual({ lvl001: 'ready' });
  });

  it('pm2: fork mode, same interpreter, env with the literal port, kill_timeout = grace', () => {
    const { apps } = pm2Ecosystem(scenario, '/tmp/logs');
    expect(apps).toHaveLength(2);
    expect(apps[1]).toMatchObject({ name: 'svc001', interpreter: '/usr/bin/node', exec_mode: 'fork', autorestart: true, kill_timeout: 1000, env: { PORT: '21002', IGNORE_TERM: '1' } });
  });

  it('supervisord: a program per service in one group, stopwaitsecs = grace, group signalled', () => {
    const conf = supervisordConf(scenario, { dir: '/tmp/sv', rpcPort: 23000 });
    expect(conf).toContain('[program:svc000]\ncommand=/usr/bin/node ');
    expect(conf).toContain('environment=PORT="21001",SERVICE_NAME="svc000",LISTEN_LOG="/tmp/listen.log",IGNORE_TERM="1"');
    expect(conf).toContain('stopwaitsecs=1\nstopasgroup=true\nkillasgroup=true');
    expect(conf).toContain('[group:app]\nprograms=svc000,svc001');
    expect(conf).toContain('port=127.0.0.1:23000');
  });

  it('s6: run, timeout-kill (ms) and an s6-log logger per service', () => {
    const files = s6ScanFiles(scenario, '/tmp/logs');
    expect(files.map((file) => file.path)).toEqual(['svc000/run', 'svc000/timeout-kill', 'svc000/log/run', 'svc001/run', 'svc001/timeout-kill', 'svc001/log/run']);
    expect(files[0]?.content).toContain("exec env PORT='21001' SERVICE_NAME='svc000'");
    expect(files[1]?.content).toBe('1000\n');
    expect(files[2]?.content).toContain("exec s6-log n5 s10000000 '/tmp/logs/svc000'");
    expect(files[0]?.mode).toBe(0o755);
  });
});

describe('stats and listen log', () => {
  it('summarizes and pairs ratios run by run', () => {
    expect(summarize([3, 1, 2])).toMatchObject({ n: 3, median: 2, min: 1, max: 3 });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(pairedRatios([10, 20, 30], [20, 20, 0]).median).toBe(0.75);
  });

  it('parses listen log lines and skips partial ones', () => {
    expect(parseListenLog('a 100.5 42 90.25\nb 1 2\n')).toEqual([{ name: 'a', listenAt: 100.5, pid: 42, startedAt: 90.25 }]);
  });
});
