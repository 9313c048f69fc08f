// Smoke test of the pure parts of the bench: every peer's configuration is generated from the
// same scenario (same program and arguments, ports, environment, grace period), for both
// listener fixtures; the plan's shape; the stats and /proc parsers.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { berthBundle } from './peers/berth-config.ts';
import { berthDesktopDriver, berthDriver, berthRunArgs } from './peers/berth-driver.ts';
import { floorPlan } from './peers/floor-driver.ts';
import { pm2Driver } from './peers/pm2-driver.ts';
import { s6Driver } from './peers/s6-driver.ts';
import { supervisordDriver } from './peers/supervisord-driver.ts';
import { logSetups, REFERENCE_TARGETS, type LogCaptureData } from './figures/log-capture.ts';
import { pm2Ecosystem } from './peers/pm2-config.ts';
import { s6ScanFiles } from './peers/s6-config.ts';
import { supervisordConf } from './peers/supervisord-config.ts';
import { handoffFigure, idleFigure, logFigure, restartFigure, startManyFigure } from './figures/build-figures.ts';
import type { FixtureFloor, RestartIdleData } from './figures/restart-idle.ts';
import type { StartManyData } from './figures/start-many.ts';
import { parseListenLog } from './lib/listen-log.ts';
import { parseSmapsRollup } from './lib/proc.ts';
import { pairedRatios, quantile, summarize } from './lib/stats.ts';
import { FULL_PLAN, headlineCounts, QUICK_PLAN } from './plan.ts';
import { renderResults } from './report/render.ts';
import { fixturePath, type ListenerKind } from './scenarios/scenario.ts';
import { chainScenario, independentScenario, printerScenario } from './scenarios/services.ts';

const NODE = '/usr/bin/node';
const PERL = '/usr/bin/perl';
const LISTENER_PL = fixturePath('listener.pl');
const LISTENER_MJS = fixturePath('listener.mjs');
const scenarioOf = (listener: ListenerKind) => independentScenario({ node: NODE, perl: PERL, ports: [21001, 21002], listenLog: '/tmp/listen.log', graceMs: 1000, ignoreTerm: true, listener });
const light = scenarioOf('light');
const node = scenarioOf('node');

type BundleService = { command: string[]; env: Record<string, string>; ports: unknown; shutdown: unknown; readiness: unknown; dependsOn?: Record<string, string> };
const bundleServices = (scenario: ReturnType<typeof scenarioOf>) => (berthBundle(scenario, [40_000, 40_999]) as { services: Record<string, BundleService> }).services;

describe('scenarios', () => {
  it('light services run perl listener.pl, Node services node listener.mjs, with the same environment', () => {
    expect(light.services.map((service) => [service.runtime, service.script])).toEqual([['perl', LISTENER_PL], ['perl', LISTENER_PL]]);
    expect(node.services.map((service) => [service.runtime, service.script])).toEqual([['node', LISTENER_MJS], ['node', LISTENER_MJS]]);
    expect(light.services.map((service) => service.env)).toEqual(node.services.map((service) => service.env));
    expect(light.services[1]?.env).toEqual({ PORT: '21002', SERVICE_NAME: 'svc001', LISTEN_LOG: '/tmp/listen.log', IGNORE_TERM: '1' });
    expect(light.id).toBe('independent-2-light-ignore-term');
    expect(light.perl).toBe(PERL);
  });

  it('the log printer stays a Node service', () => {
    const printer = printerScenario({ node: NODE, ports: [1], listenLog: '/tmp/l', bytes: 10, printLog: '/tmp/p' });
    expect(printer.services[0]).toMatchObject({ runtime: 'node', script: fixturePath('printer.mjs') });
  });
});

describe('config generators', () => {
  it('Berth: one service per scenario service, fixed port, PORT templated, grace in ms', () => {
    const services = bundleServices(node);
    expect(Object.keys(services)).toEqual(['svc000', 'svc001']);
    const first = services.svc000;
    expect(first?.command).toEqual(['${node}', LISTENER_MJS]);
    expect(first?.env.PORT).toBe('${ports.svc000.http}');
    expect(first?.env.IGNORE_TERM).toBe('1');
    expect(first?.ports).toEqual({ http: { fixed: 21001 } });
    expect(first?.shutdown).toEqual({ signal: 'SIGTERM', timeout: '1000ms' });
    expect(first?.readiness).toEqual({ tcp: { port: 'http' } });
  });

  it('Berth: a light service is `perl listener.pl`, otherwise configured exactly like a Node one', () => {
    const lightFirst = bundleServices(light).svc000;
    const nodeFirst = bundleServices(node).svc000;
    expect(lightFirst?.command).toEqual([PERL, LISTENER_PL]);
    expect({ ...lightFirst, command: undefined }).toEqual({ ...nodeFirst, command: undefined });
  });

  it('Berth: a chain depends on the previous level being ready', () => {
    const chain = chainScenario({ node: NODE, ports: [1, 2, 3], listenLog: '/tmp/l', startDelayMs: 100, listener: 'light' });
    const services = bundleServices(chain);
    expect(services.lvl000?.dependsOn).toBeUndefined();
    expect(services.lvl002?.dependsOn).toEqual({ lvl001: 'ready' });
    expect(services.lvl002?.env.START_DELAY_MS).toBe('100');
    expect(services.lvl002?.command).toEqual([PERL, LISTENER_PL]);
  });

  it('pm2: Node services through its usual Node interpreter, fork mode, env with the literal port, kill_timeout = grace', () => {
    const { apps } = pm2Ecosystem(node, '/tmp/logs');
    expect(apps).toHaveLength(2);
    expect(apps[1]).toMatchObject({ name: 'svc001', script: LISTENER_MJS, interpreter: NODE, exec_mode: 'fork', autorestart: true, kill_timeout: 1000, env: { PORT: '21002', IGNORE_TERM: '1' } });
    expect(apps[1]?.args).toBeUndefined();
  });

  it('pm2: light services spawned directly (interpreter none, script perl, args the fixture), nothing else differs', () => {
    const lightApps = pm2Ecosystem(light, '/tmp/logs').apps;
    const nodeApps = pm2Ecosystem(node, '/tmp/logs').apps;
    expect(lightApps[0]).toMatchObject({ script: PERL, interpreter: 'none', args: [LISTENER_PL] });
    // pm2's ForkMode: an interpreter ending in "node" gets the ProcessContainerFork wrapper; "none" does not.
    expect(lightApps[0]?.interpreter).not.toMatch(/node$/);
    const strip = ({ script: _s, interpreter: _i, args: _a, ...rest }: (typeof lightApps)[number]) => rest;
    expect(lightApps.map(strip)).toEqual(nodeApps.map(strip));
  });

  it('supervisord: a program per service in one group, stopwaitsecs = grace, group signalled', () => {
    const conf = supervisordConf(node, { dir: '/tmp/sv', rpcPort: 23000 });
    expect(conf).toContain(`[program:svc000]\ncommand=${NODE} ${LISTENER_MJS}\n`);
    expect(conf).toContain('environment=PORT="21001",SERVICE_NAME="svc000",LISTEN_LOG="/tmp/listen.log",IGNORE_TERM="1"');
    expect(conf).toContain('stopwaitsecs=1\nstopasgroup=true\nkillasgroup=true');
    expect(conf).toContain('[group:app]\nprograms=svc000,svc001');
    expect(conf).toContain('port=127.0.0.1:23000');
  });

  it('supervisord: a light service differs only in its command line', () => {
    const lightConf = supervisordConf(light, { dir: '/tmp/sv', rpcPort: 23000 });
    const nodeConf = supervisordConf(node, { dir: '/tmp/sv', rpcPort: 23000 });
    expect(lightConf).toContain(`[program:svc001]\ncommand=${PERL} ${LISTENER_PL}\n`);
    expect(lightConf.replaceAll(`${PERL} ${LISTENER_PL}`, 'X')).toBe(nodeConf.replaceAll(`${NODE} ${LISTENER_MJS}`, 'X'));
  });

  it('s6: run, timeout-kill (ms) and an s6-log logger per service', () => {
    const files = s6ScanFiles(node, '/tmp/logs');
    expect(files.map((file) => file.path)).toEqual(['svc000/run', 'svc000/timeout-kill', 'svc000/log/run', 'svc001/run', 'svc001/timeout-kill', 'svc001/log/run']);
    expect(files[0]?.content).toBe(`#!/bin/sh\nexec 2>&1\nexec env PORT='21001' SERVICE_NAME='svc000' LISTEN_LOG='/tmp/listen.log' IGNORE_TERM='1' '${NODE}' '${LISTENER_MJS}'\n`);
    expect(files[1]?.content).toBe('1000\n');
    expect(files[2]?.content).toContain("exec s6-log n5 s10000000 '/tmp/logs/svc000'");
    expect(files[0]?.mode).toBe(0o755);
  });

  it('log capture, equal work: pm2 `time: true` and s6-log `T` timestamp every line; plain by default', () => {
    const printer = printerScenario({ node: NODE, ports: [1], listenLog: '/tmp/l', bytes: 10, printLog: '/tmp/p' });
    expect(pm2Ecosystem(printer, '/tmp/logs', { time: true }).apps[0]).toMatchObject({ name: 'printer', time: true, out_file: '/tmp/logs/printer.out.log' });
    expect(pm2Ecosystem(printer, '/tmp/logs').apps[0]?.time).toBe(false);
    const withT = s6ScanFiles(printer, '/tmp/logs', { timestamp: true });
    expect(withT[2]).toEqual({ path: 'printer/log/run', content: "#!/bin/sh\nexec s6-log n5 s10000000 T '/tmp/logs/printer'\n", mode: 0o755 });
    expect(s6ScanFiles(printer, '/tmp/logs')[2]?.content).toBe("#!/bin/sh\nexec s6-log n5 s10000000 '/tmp/logs/printer'\n");
    // Only the logger differs.
    expect(withT.slice(0, 2)).toEqual(s6ScanFiles(printer, '/tmp/logs').slice(0, 2));
  });

  it('Berth: the desktop profile adds `--profile desktop`; headless passes no profile', () => {
    expect(berthRunArgs('/b/bundle.json', '/b/state', 'desktop')).toEqual(['run', '--bundle', '/b/bundle.json', '--state-dir', '/b/state', '--profile', 'desktop']);
    expect(berthRunArgs('/b/bundle.json', '/b/state', 'headless', ['--control-port', '4000'])).toEqual(['run', '--bundle', '/b/bundle.json', '--state-dir', '/b/state', '--control-port', '4000']);
  });

  it('s6: a light service execs perl listener.pl with the same environment', () => {
    const lightFiles = s6ScanFiles(light, '/tmp/logs');
    const nodeFiles = s6ScanFiles(node, '/tmp/logs');
    expect(lightFiles[3]?.content).toBe(`#!/bin/sh\nexec 2>&1\nexec env PORT='21002' SERVICE_NAME='svc001' LISTEN_LOG='/tmp/listen.log' IGNORE_TERM='1' '${PERL}' '${LISTENER_PL}'\n`);
    expect(lightFiles.filter((file) => !file.path.endsWith('/run') || file.path.includes('/log/'))).toEqual(nodeFiles.filter((file) => !file.path.endsWith('/run') || file.path.includes('/log/')));
  });
});

describe('plan', () => {
  it('the full plan has light (verdict) and Node (shown) cases for 50 and 200 services', () => {
    expect(headlineCounts(FULL_PLAN)).toEqual([50, 200]);
    const cases = FULL_PLAN.startCases.map((entry) => `${entry.listener}-${entry.count}`);
    expect(cases).toEqual(['light-50', 'light-200', 'node-50', 'node-200']);
    expect(FULL_PLAN.startCases.every((entry) => entry.runs >= 1)).toBe(true);
    // 50 is both a headline count and the shutdown figure's size (its prompt row comes from it).
    expect(headlineCounts(FULL_PLAN)).toContain(FULL_PLAN.shutdownServices);
    expect(FULL_PLAN.chainRuns.light).toBeGreaterThanOrEqual(FULL_PLAN.chainRuns.node);
  });

  it('the quick plan keeps both listeners at small sizes', () => {
    expect(headlineCounts(QUICK_PLAN)).toEqual([5, 20]);
    expect(new Set(QUICK_PLAN.startCases.map((entry) => entry.listener))).toEqual(new Set(['light', 'node']));
    expect(headlineCounts(QUICK_PLAN)).toContain(QUICK_PLAN.shutdownServices);
  });
});

describe('figures', () => {
  const startCase = (listener: 'light' | 'node', count: number, berth: number, floor: number, pm2: number) => ({ listener, count, external: { berth: [berth], floor: [floor], pm2: [pm2], supervisord: [pm2 * 2], s6: [berth / 2] }, readyz: [berth], shutdown: {}, readinessLag: [] });

  it('independent services: one verdict per light count, against the Node floor; peers and the Node rows quoted beside', () => {
    const data: StartManyData = {
      cases: [startCase('light', 50, 400, 300, 1000), startCase('light', 200, 1500, 900, 4000), startCase('node', 50, 5000, 4500, 6000)],
      skipped: [{ listener: 'node', count: 200, afterS: 170 }],
    };
    const figure = startManyFigure(data);
    expect(figure.verdicts.map((verdict) => [verdict.target, verdict.pass])).toEqual([
      ['50 light services ≤ 1.5× the Node floor', true],
      ['200 light services ≤ 1.5× the Node floor', false],
    ]);
    expect(figure.verdicts[0]?.measured).toBe("Berth 400 ms, floor 300 ms: 1.33× (median of paired runs, services' own clock); beside it 0.40× pm2, 0.20× supervisord, 2.00× s6; Node listener, no verdict: 1.11× the floor");
    expect(figure.verdicts[1]?.measured).not.toContain('Node listener');
    expect(figure.rows.map((row) => row.label.split(':')[0])).toEqual([
      '50 services, light listener (verdict)', '50 services, light listener (verdict)',
      '200 services, light listener (verdict)', '200 services, light listener (verdict)',
      '50 services, Node listener (shown, no verdict)', '50 services, Node listener (shown, no verdict)',
    ]);
    expect(figure.rows[0]?.samples.floor).toEqual([300]);
    expect(figure.notes.join('\n')).toContain('**The verdicts are computed on the light-listener rows**');
    expect(figure.notes.at(-1)).toContain('200 services with the Node listener: not run');
  });

  it('kill -9 → respawn: the verdict is the floor + 3 ms', () => {
    const data: RestartIdleData = { idleRss: {}, idlePss: {}, idleUss: {}, respawn: { berth: [9, 10, 11], pm2: [20] }, relisten: {} };
    const floor: FixtureFloor = { spawnToClock: [7, 8, 9], rss: [], pss: [], uss: [] };
    expect(restartFigure(data, { light: floor, node: floor }, 10).verdicts[0]).toMatchObject({ target: 'kill → new process ≤ floor + 3 ms', measured: 'median 10 ms, floor 8.0 ms: floor + 2.0 ms', pass: true });
    expect(restartFigure({ ...data, respawn: { berth: [12, 12] } }, { light: floor, node: floor }, 10).verdicts[0]?.pass).toBe(false);
  });

  it('log capture: equal-work setups every run, Berth headless and plain peers once; only available peers', () => {
    const all = logSetups([berthDriver, pm2Driver, supervisordDriver, s6Driver]);
    expect(all.map((entry) => [entry.setup, entry.driver.name, entry.into, entry.everyRun])).toEqual([
      ['berth-desktop', 'berth', ['equal'], true],
      ['pm2-time', 'pm2', ['equal'], true],
      ['supervisord', 'supervisord', ['equal', 'plain'], true],
      ['s6-time', 's6', ['equal'], true],
      ['berth-headless', 'berth', ['headless'], false],
      ['pm2', 'pm2', ['plain'], false],
      ['s6', 's6', ['plain'], false],
    ]);
    expect(all[0]?.driver).toBe(berthDesktopDriver);
    expect(all[4]?.driver).toBe(berthDriver);
    expect(logSetups([berthDriver, pm2Driver]).map((entry) => entry.setup)).toEqual(['berth-desktop', 'pm2-time', 'berth-headless', 'pm2']);
    expect(REFERENCE_TARGETS['node-cat']).toBe('| "$NODE" "$NODE_CAT" "$OUT"');
  });

  it('log capture: the verdict is Berth desktop against the Node floor, paired; ratios pair it with the timestamped peers', () => {
    const data: LogCaptureData = {
      equal: { throughput: { berth: [85, 90], pm2: [15, 16], supervisord: [500, 540], s6: [45, 50] }, peakRss: { berth: [130, 140], pm2: [120, 150], supervisord: [30, 30], s6: [6, 6] } },
      headless: { throughput: { berth: [60] }, peakRss: { berth: [160] } },
      plain: { throughput: { pm2: [110], supervisord: [500, 540], s6: [70] }, peakRss: { pm2: [80], supervisord: [30, 30], s6: [6] } },
      pipeToFile: [100, 110],
      nodeCat: [100, 110],
      devNull: [1000, 1000],
    };
    const figure = logFigure(data, 85, 200);
    expect(figure.verdicts.map((verdict) => verdict.pass)).toEqual([true, true]);
    expect(figure.verdicts[0]?.target).toBe('≥ 80 % of the Node floor (node-cat.mjs), Berth desktop profile');
    expect(figure.verdicts[0]?.measured).toBe('87.5 MB/s = 83.4 % of node-cat.mjs\'s 105 MB/s (median of paired runs; headless with echo: 60.0 MB/s; `| cat > file` 105 MB/s, Berth = 83.3 % of it)');
    expect(figure.rows[0]?.samples).toBe(data.equal.throughput);
    expect(figure.rows[2]?.samples).toEqual({ berth: [60], pm2: [15, 16], supervisord: [500, 540], s6: [45, 50] });
    expect(figure.rows[4]?.samples).toEqual({ pm2: [110], supervisord: [500, 540], s6: [70] });
    expect(figure.rows[7]?.samples).toEqual({ floor: [100, 110] });
    expect(figure.notes.join('\n')).toContain('**The verdicts use Berth\'s desktop-profile row**');
    // A headless-only regression does not flip the verdict; a desktop one does.
    expect(logFigure({ ...data, equal: { ...data.equal, throughput: { ...data.equal.throughput, berth: [70, 75] } } }, 85, 200).verdicts[0]?.pass).toBe(false);
  });

  it('RESULTS.md escapes the shell pipes of labels and targets in table cells', () => {
    const text = renderResults({ date: 'd', machine: [], durationS: 1, notes: [] }, [{ title: 'T', target: 't', rows: [{ label: 'ref: `a | cat`', unit: 'MB/s', samples: { berth: [1] } }], verdicts: [{ target: '≥ 80 % of (| cat)', measured: 'm', pass: true }], notes: [] }]);
    expect(text).toContain('| ref: `a \\| cat` | MB/s | 1.00 |');
    expect(text).toContain('| T | ≥ 80 % of (\\| cat) | m | PASS |');
  });

  it('the Node floor spawns each service with the argv and environment every supervisor gets', () => {
    const scenario = independentScenario({ node: '/usr/bin/node', ports: [4101, 4102], listenLog: '/tmp/l.log', listener: 'light' });
    const plan = floorPlan(scenario, { PATH: '/bin', BENCH_MARK: 'x' }, '/tmp/run');
    expect(plan.map((entry) => [entry.program, entry.args, entry.env.PORT, entry.env.SERVICE_NAME, entry.env.BENCH_MARK, entry.cwd])).toEqual([
      ['/usr/bin/perl', [fixturePath('listener.pl')], '4101', 'svc000', 'x', '/tmp/run'],
      ['/usr/bin/perl', [fixturePath('listener.pl')], '4102', 'svc001', 'x', '/tmp/run'],
    ]);
  });

  it('node-cat.mjs copies its stdin to the file byte for byte', () => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-node-cat-'));
    try {
      const input = Buffer.alloc(3 * 1024 * 1024 + 17, 'line of text\n');
      const result = spawnSync(process.execPath, [fixturePath('node-cat.mjs'), join(dir, 'out.log')], { input });
      expect(result.status).toBe(0);
      expect(readFileSync(join(dir, 'out.log')).equals(input)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('idle memory: the verdict is USS against pm2 (paired), with the Node floor in its column; RSS reported', () => {
    const data: RestartIdleData = { idleRss: { berth: [30], pm2: [70] }, idlePss: { berth: [40], pm2: [20] }, idleUss: { berth: [15], pm2: [20] }, respawn: {}, relisten: {} };
    const floor: FixtureFloor = { spawnToClock: [10], rss: [60], pss: [18], uss: [13] };
    const figure = idleFigure(data, { light: { ...floor, rss: [5] }, node: floor }, 10);
    expect(figure.verdicts).toHaveLength(1);
    expect(figure.verdicts[0]).toMatchObject({ target: "USS ≤ 0.75× pm2's daemon", pass: true });
    expect(figure.verdicts[0]?.measured).toBe("Berth 15.0 MB = 0.75× pm2's 20.0 MB (USS; a bare Node HTTP server: 13.0 MB); RSS 30.0 MB = 0.43× pm2's 70.0 MB");
    expect(figure.rows.map((row) => row.label.split(' ')[0])).toEqual(['USS:', 'RSS', 'PSS', 'reference:']);
    expect(figure.rows[0]?.samples).toEqual({ berth: [15], pm2: [20], floor: [13] });
    expect(idleFigure({ ...data, idleUss: { berth: [16], pm2: [20] } }, { light: floor, node: floor }, 10).verdicts[0]?.pass).toBe(false);
  });

  it('Notes hand-off: the verdict pairs each hand-off with the stop + start after it', () => {
    const figure = handoffFigure({ handoff: [400, 420, 380], restart: [350, 340, 360] });
    expect(figure.verdicts[0]).toMatchObject({ target: 'hand-off ≤ 1.2× stop + start', measured: 'hand-off 400 ms, stop + start 350 ms: 1.14× (median of paired runs)', pass: true });
    expect(handoffFigure({ handoff: [500], restart: [350] }).verdicts[0]?.pass).toBe(false);
  });
});

describe('stats, listen log and /proc', () => {
  it('summarizes and pairs ratios run by run', () => {
    expect(summarize([3, 1, 2])).toMatchObject({ n: 3, median: 2, min: 1, max: 3 });
    expect(summarize([4, 1, 3, 2]).median).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95)).toBe(10);
    expect(pairedRatios([10, 20, 30], [20, 20, 0]).median).toBe(0.75);
  });

  it('parses listen log lines and skips partial ones', () => {
    expect(parseListenLog('a 100.5 42 90.25\nb 1 2\n')).toEqual([{ name: 'a', listenAt: 100.5, pid: 42, startedAt: 90.25 }]);
  });

  it('reads RSS, PSS and USS (Private_Clean + Private_Dirty) from smaps_rollup', () => {
    const text = '55d0-7ffd ---p 00000000 00:00 0                          [rollup]\nRss:               48152 kB\nPss:               12790 kB\nPss_Dirty:          9000 kB\nShared_Clean:      38000 kB\nShared_Dirty:        100 kB\nPrivate_Clean:       300 kB\nPrivate_Dirty:      9752 kB\n';
    expect(parseSmapsRollup(text)).toEqual({ rss: 48152, pss: 12790, uss: 10052 });
    expect(parseSmapsRollup('Rss: 1 kB\n').uss).toBeNaN();
  });
});
