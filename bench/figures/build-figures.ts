// Turns the measurements into the figures of RESULTS.md, each with its target and verdict. Pure.
import { pairedRatios, summarize } from '../lib/stats.ts';
import type { Figure, FigureRow } from '../report/model.ts';
import type { ListenerKind } from '../scenarios/scenario.ts';
import type { LatencyData } from './control-latency.ts';
import type { HandoffData } from './handoff.ts';
import type { LogCaptureData } from './log-capture.ts';
import type { FixtureFloor, RestartIdleData } from './restart-idle.ts';
import type { PeerSamples } from './samples.ts';
import { findCase, type StartManyData } from './start-many.ts';

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;
const times = (value: number) => `${value.toFixed(2)}×`;

/** Independent services start → all ready: light-listener rows (the verdicts), Node-listener rows beside them. */
export function startManyFigure(data: StartManyData): Figure {
  const rows: FigureRow[] = [];
  const verdicts: Figure['verdicts'] = [];
  for (const entry of data.cases) {
    const tag = entry.listener === 'light' ? `${entry.count} services, light listener (verdict)` : `${entry.count} services, Node listener (shown, no verdict)`;
    rows.push({ label: `${tag}: launch → every service listening (its own clock, all supervisors)`, unit: 'ms', samples: entry.external });
    rows.push({ label: `${tag}: launch → Berth /readyz 200`, unit: 'ms', samples: { berth: entry.readyz } });
  }
  const lightCounts = data.cases.filter((entry) => entry.listener === 'light').map((entry) => entry.count);
  for (const count of lightCounts) {
    const light = findCase(data, 'light', count);
    const node = findCase(data, 'node', count);
    const ratio = pairedRatios(light?.external.berth ?? [], light?.external.floor ?? []);
    const nodeRatio = node === undefined ? null : pairedRatios(node.external.berth ?? [], node.external.floor ?? []);
    const peers = (['pm2', 'supervisord', 's6'] as const).map((peer) => ({ peer, ratio: pairedRatios(light?.external.berth ?? [], light?.external[peer] ?? []) })).filter((entry) => entry.ratio.n > 0);
    verdicts.push({
      target: `${count} light services ≤ 1.5× the Node floor`,
      measured: `Berth ${ms(summarize(light?.external.berth ?? []).median)}, floor ${ms(summarize(light?.external.floor ?? []).median)}: ${times(ratio.median)} (median of paired runs, services' own clock); beside it ${peers.map((entry) => `${times(entry.ratio.median)} ${entry.peer}`).join(', ')}${nodeRatio === null || nodeRatio.n === 0 ? '' : `; Node listener, no verdict: ${times(nodeRatio.median)} the floor`}`,
      pass: ratio.n > 0 && ratio.median <= 1.5,
    });
  }
  return {
    title: 'Independent services: start → all ready',
    target: '≤ 1.5× the Node floor (a bare Node program spawning the same services with piped stdio), at 50 and at 200',
    rows,
    verdicts,
    notes: [
      'The Node floor (`bench/fixtures/spawn-floor.mjs`): one Node process that spawns every service of the scenario, with the same argv and environment, stdout and stderr piped and drained, and nothing else — no configuration, no state on disk, no readiness probes, no log files. It is what any supervisor written in Node pays at least (Node\'s `spawn` blocks its loop until the child has exec\'d). Berth runs its headless profile with a tcp readiness probe per service.',
      'Timed from spawning the supervisor (cold: pm2 via `pm2 start ecosystem.json` with no daemon running) until the last service has started listening, by that service\'s own wall clock (the listener fixture writes its listen() time to a shared log, which the harness reads every 5 ms; the same for every supervisor and the floor), then checked from outside with one round of TCP connects. Berth\'s own /readyz (polled every 10 ms, keep-alive) runs in the same run.',
      '**The verdicts are computed on the light-listener rows** (`perl listener.pl`: ≈ 5 ms from spawn to listening and no CPU to speak of, against ≈ 100 ms of CPU for `node listener.mjs`), because those measure the supervisor. With the Node listener, 50–200 Node boots (≈ 100 ms of CPU each) on 2 cores dominate the time and every ratio is pulled towards 1; those rows stay in the table, labelled.',
      'Every supervisor runs the same program with the same arguments and environment: Berth `/usr/bin/perl listener.pl` (Node rows: `${node} listener.mjs`, the bench\'s Node), pm2 `interpreter: none` with `script: /usr/bin/perl`, `args: [listener.pl]` (pm2 spawns it directly, no ProcessContainerFork wrapper; Node rows: `interpreter` = the bench\'s Node, i.e. pm2\'s usual wrapper), supervisord `command=/usr/bin/perl listener.pl`, s6 `exec env … /usr/bin/perl listener.pl`. Berth gates readiness with a tcp probe on the port (the same test as the harness\'s closing check); the peers have no readiness probe (a process is "up" once spawned).',
      ...data.skipped.map((entry) => `${entry.count} services with the ${entry.listener === 'node' ? 'Node' : 'light'} listener: not run — the bench was past ${entry.afterS} s when it came up (the plan keeps \`npm run bench\` under 10 minutes on a busy machine).`),
    ],
  };
}

/** Readiness seen after listening: light-listener runs (the verdict), Node-listener runs beside. */
export function readinessFigure(lags: Readonly<Record<ListenerKind, readonly number[]>>): Figure {
  const summary = summarize(lags.light);
  const node = summarize(lags.node);
  return {
    title: 'Readiness seen after a service starts listening',
    target: 'p95 < 50 ms',
    rows: [
      { label: 'light listener (verdict): Berth readyAt − the service\'s own listen time', unit: 'ms', samples: { berth: [...lags.light] }, show: 'p95' },
      { label: 'Node listener (shown, no verdict): Berth readyAt − the service\'s own listen time', unit: 'ms', samples: { berth: [...lags.node] }, show: 'p95' },
    ],
    verdicts: [{ target: 'p95 < 50 ms (light listener)', measured: `p95 ${ms(summary.p95)}, p50 ${ms(summary.median)}, max ${ms(summary.max)} over ${summary.n} services${node.n > 0 ? `; Node listener, no verdict: p95 ${ms(node.p95)} over ${node.n}` : ''}`, pass: summary.p95 < 50 }],
    notes: [
      'Pooled over every service of the independent-services and chain runs, per listener (Berth\'s tcp readiness probe, which starts fast and backs off). `readyAt` (from /status, ms resolution) minus the time the service logged right after listen() completed (same clock). Peers: n/a (pm2, supervisord and s6 have no readiness probes).',
      'The verdict is on the light-listener runs: with 50–200 Node services booting at once, Berth\'s probes wait for CPU behind the services\' own boots, so the Node rows measure the machine\'s queue more than the supervisor.',
    ],
  };
}

/** kill -9 → respawn. */
export function restartFigure(data: RestartIdleData, floors: Readonly<Record<ListenerKind, FixtureFloor>>, count: number): Figure {
  const berth = summarize(data.respawn.berth ?? []);
  const floor = summarize(floors.light.spawnToClock);
  return {
    title: 'kill -9 → respawned (first restart)',
    target: '≤ the floor (harness spawn → the process\'s clock) + 3 ms',
    rows: [
      { label: 'kill → new process started (its own clock)', unit: 'ms', samples: data.respawn },
      { label: 'kill → new process listening', unit: 'ms', samples: data.relisten },
      { label: 'floor: harness spawn() → new `perl listener.pl` clock starts (the verdict\'s floor)', unit: 'ms', samples: { floor: floors.light.spawnToClock } },
      { label: 'floor: harness spawn() → new `node listener.mjs` clock starts (performance.timeOrigin)', unit: 'ms', samples: { floor: floors.node.spawnToClock } },
    ],
    verdicts: [{ target: 'kill → new process ≤ floor + 3 ms', measured: `median ${ms(berth.median)}, floor ${ms(floor.median)}: floor + ${ms(berth.median - floor.median)}`, pass: berth.median - floor.median <= 3 }],
    notes: [
      `${count} light-listener services (\`perl listener.pl\`), each killed once with SIGKILL after all had been up > 1.5 s; each kill waits for the respawned process before the next. Ratios pair the i-th kill of each supervisor. The light listener keeps "→ listening" about the supervisor (a Node service adds its ≈ 100 ms boot to every supervisor alike); "→ started" is read from the new process's own clock either way, and the two floor rows show what exec of each runtime costs before that clock starts.`,
      's6-supervise waits 1 s before restarting a service by default; supervisord notices the exit on its next 1 s tick.',
    ],
  };
}

/** Shutdown of N services, 1 s grace, prompt and SIGTERM-ignoring. */
export function shutdownFigure(prompt: PeerSamples, promptNode: PeerSamples | null, ignoring: PeerSamples, count: number): Figure {
  const a = summarize(prompt.berth ?? []);
  const b = summarize(ignoring.berth ?? []);
  return {
    title: `Shutdown of ${count} services with 1 s grace`,
    target: '≈ 1 s, not 50 s',
    rows: [
      { label: `${count} light services exiting on SIGTERM: signal → every service gone`, unit: 'ms', samples: prompt },
      ...(promptNode === null ? [] : [{ label: `${count} Node services exiting on SIGTERM (shown, no verdict): signal → every service gone`, unit: 'ms', samples: promptNode }]),
      { label: `${count} light services ignoring SIGTERM: signal → every service gone (SIGKILL after 1 s)`, unit: 'ms', samples: ignoring },
    ],
    verdicts: [
      { target: 'services that exit on SIGTERM: < 1.5 s', measured: `median ${ms(a.median)}`, pass: a.median < 1500 },
      { target: 'services ignoring SIGTERM: ≈ 1 s grace (< 1.5 s), not 50 s', measured: `median ${ms(b.median)}`, pass: b.median < 1500 },
    ],
    notes: [
      'Berth, supervisord, s6: SIGTERM to the supervisor. pm2: `pm2 kill` (what a person runs; it includes the CLI start-up, and pm2 stops two apps at a time). Every supervisor stops the services with SIGTERM: pm2 sends SIGINT unless PM2_KILL_SIGNAL says otherwise, so the bench sets PM2_KILL_SIGNAL=SIGTERM (before, pm2\'s "ignoring SIGTERM" row was services dying of SIGINT, without any grace).',
      'Light listeners (`perl listener.pl`; SIGTERM → exit 0, or ignored with IGNORE_TERM=1): what is timed is the supervisor signalling, waiting and reaping. The prompt rows come from the independent-services runs (light rows carry the verdict; the Node row, from the Node-listener runs, shows the same stop with Node services).',
    ],
  };
}

/** Log capture throughput and RSS: equal work (timestamped files) first, extra rows after. */
export function logFigure(data: LogCaptureData, idleRssMb: number, megabytes: number): Figure {
  const pipe = summarize(data.pipeToFile);
  const nodeCat = summarize(data.nodeCat);
  const berth = summarize(data.equal.throughput.berth ?? []);
  const headless = summarize(data.headless.throughput.berth ?? []);
  const peak = summarize(data.equal.peakRss.berth ?? []);
  const headlessPeak = summarize(data.headless.peakRss.berth ?? []);
  const share = berth.median / pipe.median;
  const ofFloor = pairedRatios(data.equal.throughput.berth ?? [], data.nodeCat);
  const percent = (value: number) => `${(value * 100).toFixed(1)} %`;
  // The headless row is compared with the same equal-work peer runs (paired run by run).
  const { berth: _desktop, ...equalPeers } = data.equal.throughput;
  const { berth: _none, ...plainPeers } = data.plain.throughput;
  const { berth: _nothing, ...plainPeak } = data.plain.peakRss;
  return {
    title: `Log capture: one service printing ${megabytes} MB`,
    target: '≥ 80 % of the Node floor (`node node-cat.mjs`: batched writev, no framing), every line\'s time kept; RSS bounded',
    rows: [
      { label: 'equal work (verdict): throughput to log files with a timestamp on every line — Berth desktop profile (files only) · pm2 `time: true` · s6-log `T` · supervisord without timestamps (it has no such option)', unit: 'MB/s', samples: data.equal.throughput, better: 'higher' },
      { label: 'equal work: peak RSS of the supervisor (VmHWM)', unit: 'MB', samples: data.equal.peakRss },
      { label: 'Berth headless profile (timestamped files + every line echoed as `name | …` on its stdout, a file here); peers: the equal-work runs above', unit: 'MB/s', samples: { ...equalPeers, ...(data.headless.throughput.berth === undefined ? {} : { berth: data.headless.throughput.berth }) }, better: 'higher' },
      { label: 'Berth headless profile: peak RSS (VmHWM)', unit: 'MB', samples: { ...(data.headless.peakRss.berth === undefined ? {} : { berth: data.headless.peakRss.berth }) } },
      { label: 'peers without timestamps (pm2 `time: false`, s6-log without `T`; supervisord: the runs above): throughput', unit: 'MB/s', samples: plainPeers, better: 'higher' },
      { label: 'peers without timestamps: peak RSS (VmHWM)', unit: 'MB', samples: plainPeak },
      { label: 'reference: `node printer.mjs | cat > file` (no supervisor)', unit: 'MB/s', samples: { berth: data.pipeToFile }, better: 'higher' },
      { label: 'the Node floor (the verdict\'s 100 %): `node printer.mjs | node node-cat.mjs file` (batched writev, no framing, no timestamps)', unit: 'MB/s', samples: { floor: data.nodeCat }, better: 'higher' },
      { label: 'reference: `node printer.mjs > /dev/null`', unit: 'MB/s', samples: { berth: data.devNull }, better: 'higher' },
    ],
    verdicts: [
      {
        target: '≥ 80 % of the Node floor (node-cat.mjs), Berth desktop profile',
        measured: `${berth.median.toFixed(1)} MB/s = ${percent(ofFloor.median)} of node-cat.mjs's ${nodeCat.median.toFixed(0)} MB/s (median of paired runs; headless with echo: ${headless.median.toFixed(1)} MB/s; \`| cat > file\` ${pipe.median.toFixed(0)} MB/s, Berth = ${percent(share)} of it)`,
        pass: ofFloor.n > 0 && ofFloor.median >= 0.8,
      },
      { target: 'RSS bounded (peak ≤ 2× idle RSS, not growing with the volume), Berth desktop profile', measured: `peak ${peak.median.toFixed(0)} MB (max ${peak.max.toFixed(0)}), idle ${idleRssMb.toFixed(0)} MB (headless with echo: peak ${headlessPeak.max.toFixed(0)} MB)`, pass: peak.max <= 2 * idleRssMb },
    ],
    notes: [
      'Throughput is the printer\'s own: bytes / (first write → last write accepted by the pipe); a slow reader blocks the printer, so this is the capture rate. Reference rows are in the Berth column but involve no supervisor.',
      '**The verdicts use Berth\'s desktop-profile row**: Berth as the desktop app runs it (`berth run --profile desktop`, stdin a pipe the harness holds open, as the app does: it writes a handshake line on stdout and keeps its log files, with no terminal echo). The headless row is the same capture plus an echo of every line, prefixed `name | `, on Berth\'s stdout (a file here), as `berth run` in a terminal does; it is shown for comparison, without a verdict.',
      '**Equal work**: Berth writes `<ISO time> <stdout|stderr> ` before every line of logs/<service>.log, so the ratio columns compare it with the peers doing the same where they can: pm2 with `time: true` in the ecosystem app (pm2 prefixes each line with `YYYY-MM-DDTHH:mm:ss: `), s6-log with the `T` directive (an ISO 8601 timestamp before each line, `YYYY-MM-DD HH:MM:SS.nnnnnnnnn  `). supervisord has no per-line timestamp option, so its row is its plain capture (less work than Berth\'s). The peers\' plain captures (no timestamps) are shown in their own rows, measured once, without ratios.',
      'The printer is `node printer.mjs` for every supervisor (its boot is not in the figure: throughput is timed from its first write). Berth: logs/<service>.log rotated at 10 MB × 5. pm2: out/err files. supervisord: stdout_logfile 10 MB × 5. s6: s6-log n5 s10000000 (peak RSS of s6 = s6-svscan + s6-supervise + s6-log).',
      'The Berth headless row and the peers\' plain rows are measured in the first run only (they carry no verdict; this keeps `npm run bench` under 10 minutes); the equal-work rows and the references in every run.',
    ],
  };
}

/** Idle memory with N services: RSS (the verdict, as the issue words it), PSS and USS beside it. */
export function idleFigure(data: RestartIdleData, floors: Readonly<Record<ListenerKind, FixtureFloor>>, count: number): Figure {
  const ratio = pairedRatios(data.idleRss.berth ?? [], data.idleRss.pm2 ?? []);
  const uss = pairedRatios(data.idleUss.berth ?? [], data.idleUss.pm2 ?? []);
  const median = (samples: readonly number[] | undefined) => summarize(samples ?? []).median.toFixed(1);
  return {
    title: `Idle memory with ${count} services`,
    target: "USS ≤ 0.75× pm2's daemon (RSS reported)",
    rows: [
      { label: 'USS: private memory, Private_Clean + Private_Dirty, all services up and idle (verdict); Node floor: one idle `node listener.mjs` (a 10-line HTTP server on the same Node)', unit: 'MB', samples: { ...data.idleUss, floor: floors.node.uss } },
      { label: 'RSS of the supervising process(es) (reported)', unit: 'MB', samples: { ...data.idleRss, floor: floors.node.rss } },
      { label: 'PSS (shared pages split among the processes mapping them)', unit: 'MB', samples: data.idlePss },
      { label: 'reference: one idle `perl listener.pl`: RSS', unit: 'MB', samples: { berth: floors.light.rss } },
    ],
    verdicts: [{ target: "USS ≤ 0.75× pm2's daemon", measured: `Berth ${median(data.idleUss.berth)} MB = ${times(uss.median)} pm2's ${median(data.idleUss.pm2)} MB (USS; a bare Node HTTP server: ${median(floors.node.uss)} MB); RSS ${median(data.idleRss.berth)} MB = ${times(ratio.median)} pm2's ${median(data.idleRss.pm2)} MB`, pass: uss.n > 0 && uss.median <= 0.75 }],
    notes: [
      'Berth: the `berth run` process. pm2: the God daemon. supervisord: its Python process. s6: s6-svscan + every s6-supervise + every s6-log (the log capture Berth and the others do in-process); for s6 the RSS sums count the shared libc pages once per process, PSS and USS do not. The services are light listeners (the service kind does not change a supervisor\'s memory; it keeps the 2 cores quiet while memory settles).',
      `The verdict is on USS (Private_Clean + Private_Dirty from /proc/<pid>/smaps_rollup): the pages no other process maps, the memory freed if the supervisor exited. RSS also counts the node binary's file pages, shared by every Node process (a bare Node HTTP server: ${median(floors.node.rss)} MB RSS, ${median(floors.node.uss)} MB USS), which pulls two Node supervisors' RSS ratio towards 1; it is reported beside. Berth gives back the young generation its start-up burst grew with one memory-reducing collection 1 s after start-up (\`supervisor/src/memory/trim-heap.ts\`), before the harness reads memory (1.5 s after all services listen).`,
    ],
  };
}

/** Control API latency. */
export function latencyFigure(data: LatencyData, services: number): Figure {
  const status = summarize(data.berthStatus);
  const readyz = summarize(data.berthReadyz);
  return {
    title: `Control API latency with ${services} services`,
    target: '/status p99 < 5 ms',
    rows: [
      { label: 'GET /status (supervisord: XML-RPC getAllProcessInfo)', unit: 'ms', samples: { berth: data.berthStatus, supervisord: data.supervisordInfo }, show: 'p99' },
      { label: 'GET /readyz', unit: 'ms', samples: { berth: data.berthReadyz }, show: 'p99' },
    ],
    verdicts: [
      { target: '/status p99 < 5 ms', measured: `p99 ${ms(status.p99)} (p50 ${ms(status.median)})`, pass: status.p99 < 5 },
      { target: '/readyz p99 < 5 ms', measured: `p99 ${ms(readyz.p99)} (p50 ${ms(readyz.median)})`, pass: readyz.p99 < 5 },
    ],
    notes: ['Sequential requests over one keep-alive connection after 50 warm-up requests, each timed in the harness. pm2 and s6 have no HTTP status API (pm2 speaks RPC on a Unix socket; s6 has s6-svstat per service).'],
  };
}

/** The Notes hand-off against a stop + start of the same version. */
export function handoffFigure(data: HandoffData): Figure {
  const ratio = pairedRatios(data.handoff, data.restart);
  return {
    title: 'Notes: hand-off to a new version → all ready',
    target: '≤ 1.2× a stop + start of the same version',
    rows: [
      { label: 'POST /updates/apply → every service of the new version up (the data/ backup and the migrate task included)', unit: 'ms', samples: { berth: data.handoff } },
      { label: 'stop + start of the same version: SIGTERM → a new `berth run` with every service up', unit: 'ms', samples: { berth: data.restart } },
    ],
    verdicts: [{ target: 'hand-off ≤ 1.2× stop + start', measured: `hand-off ${ms(summarize(data.handoff).median)}, stop + start ${ms(summarize(data.restart).median)}: ${times(ratio.median)} (median of paired runs)`, pass: ratio.n > 0 && ratio.median <= 1.2 }],
    notes: [
      'The repo\'s Notes bundle (db, migrate, api, ui on the bench\'s Node) installed twice, as 1.0.0 and 1.0.1, in one state dir. Each run hands off to the other version (`POST /updates/apply`, polled on /status every 5 ms until that version runs with every service ready, running or completed), then stops the supervisor with SIGTERM and starts `berth run` again on the version now current, until the same. A hand-off is the complete version change: the old version drains, data/ is backed up, the migrate task runs (a version change is an upgrade), and the new version starts; the restart of the same version runs no migration and takes no backup.',
    ],
  };
}
