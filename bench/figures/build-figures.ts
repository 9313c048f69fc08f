// Turns the measurements into the figures of RESULTS.md, each with its target and verdict. Pure.
import { pairedRatios, summarize } from '../lib/stats.ts';
import type { Figure } from '../report/model.ts';
import type { LatencyData } from './control-latency.ts';
import type { LogCaptureData } from './log-capture.ts';
import type { RestartIdleData } from './restart-idle.ts';
import type { PeerSamples } from './samples.ts';
import type { StartManyData } from './start-many.ts';

const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** Independent services start → all ready, for each count. */
export function startManyFigure(data: StartManyData, counts: readonly number[]): Figure {
  const rows: Figure['rows'] = [];
  const verdicts: Figure['verdicts'] = [];
  for (const count of counts) {
    const external = data.external.get(count) ?? {};
    rows.push({ label: `${count} services: launch → every port listening (external poll, all supervisors)`, unit: 'ms', samples: external });
    rows.push({ label: `${count} services: launch → Berth /readyz 200`, unit: 'ms', samples: { berth: data.readyz.get(count) ?? [] } });
    for (const peer of ['pm2', 'supervisord'] as const) {
      const ratio = pairedRatios(external.berth ?? [], external[peer] ?? []);
      verdicts.push({ target: `${count} services ≤ 0.5× ${peer}`, measured: `Berth / ${peer} = ${ratio.median.toFixed(2)}× (median of paired runs, external poll)`, pass: ratio.median <= 0.5 });
    }
  }
  const [small, large] = [counts[0], counts.at(-1)];
  if (small !== undefined && large !== undefined && small !== large) {
    const scale = large / small;
    const external = summarize(data.external.get(large)?.berth ?? []).median / summarize(data.external.get(small)?.berth ?? []).median;
    const readyz = summarize(data.readyz.get(large) ?? []).median / summarize(data.readyz.get(small) ?? []).median;
    verdicts.push({ target: `${large} services ≤ ${scale}× the time of ${small}`, measured: `${external.toFixed(2)}× (external poll), ${readyz.toFixed(2)}× (/readyz)`, pass: Math.max(external, readyz) <= scale });
  }
  return {
    title: 'Independent services: start → all ready',
    target: '≤ 0.5× pm2 and supervisord; 200 ≈ 4× 50 at most',
    rows,
    verdicts,
    notes: [
      'Timed from spawning the supervisor (cold: pm2 via `pm2 start ecosystem.json` with no daemon running) until the harness has connected to every service port (TCP connect, every 10 ms per port) — the same external poll for every supervisor. Berth\'s own /readyz (polled every 10 ms, keep-alive) runs in the same run.',
      'Every service is `node bench/fixtures/listener.mjs` (a tiny HTTP listener). Berth gates readiness with a tcp probe on the port (the same test as the external poll); the peers have no readiness probe (a process is "up" once spawned).',
    ],
  };
}

/** Readiness seen after listening. */
export function readinessFigure(lags: readonly number[]): Figure {
  const summary = summarize(lags);
  return {
    title: 'Readiness seen after a service starts listening',
    target: 'p95 < 50 ms',
    rows: [{ label: 'Berth readyAt − the service\'s own listen time', unit: 'ms', samples: { berth: [...lags] }, show: 'p95' }],
    verdicts: [{ target: 'p95 < 50 ms', measured: `p95 ${ms(summary.p95)}, p50 ${ms(summary.median)}, max ${ms(summary.max)} over ${summary.n} services`, pass: summary.p95 < 50 }],
    notes: ['Pooled over every service of the 50/200-service and chain runs (Berth\'s tcp readiness probe, which starts fast and backs off). `readyAt` (from /status, ms resolution) minus the time the service logged right after listen() completed (same clock). Peers: n/a (pm2, supervisord and s6 have no readiness probes).'],
  };
}

/** kill -9 → respawn. */
export function restartFigure(data: RestartIdleData, floor: readonly number[]): Figure {
  const berth = summarize(data.respawn.berth ?? []);
  return {
    title: 'kill -9 → respawned (first restart)',
    target: '< 20 ms median',
    rows: [
      { label: 'kill → new process started (its own clock)', unit: 'ms', samples: data.respawn },
      { label: 'kill → new process listening', unit: 'ms', samples: data.relisten },
      { label: 'floor: harness spawn() → new node process clock starts', unit: 'ms', samples: { berth: [...floor] } },
    ],
    verdicts: [{ target: 'median < 20 ms', measured: `median ${ms(berth.median)} (spawn floor ${ms(summarize(floor).median)})`, pass: berth.median < 20 }],
    notes: [
      'Ten services, each killed once with SIGKILL after all had been up > 1.5 s; each kill waits for the respawned process before the next. Ratios pair the i-th kill of each supervisor.',
      's6-supervise waits 1 s before restarting a service by default; supervisord notices the exit on its next 1 s tick.',
    ],
  };
}

/** Shutdown of N services, 1 s grace, prompt and SIGTERM-ignoring. */
export function shutdownFigure(prompt: PeerSamples, ignoring: PeerSamples, count: number): Figure {
  const a = summarize(prompt.berth ?? []);
  const b = summarize(ignoring.berth ?? []);
  return {
    title: `Shutdown of ${count} services with 1 s grace`,
    target: '≈ 1 s, not 50 s',
    rows: [
      { label: `${count} services exiting on SIGTERM: signal → every service gone`, unit: 'ms', samples: prompt },
      { label: `${count} services ignoring SIGTERM: signal → every service gone (SIGKILL after 1 s)`, unit: 'ms', samples: ignoring },
    ],
    verdicts: [
      { target: 'services that exit on SIGTERM: < 1.5 s', measured: `median ${ms(a.median)}`, pass: a.median < 1500 },
      { target: 'services ignoring SIGTERM: ≈ 1 s grace (< 1.5 s), not 50 s', measured: `median ${ms(b.median)}`, pass: b.median < 1500 },
    ],
    notes: ['Berth, supervisord, s6: SIGTERM to the supervisor. pm2: `pm2 kill` (what a person runs; it includes the CLI start-up, and pm2 stops two apps at a time).'],
  };
}

/** Log capture throughput and RSS. */
export function logFigure(data: LogCaptureData, idleRssMb: number, megabytes: number): Figure {
  const pipe = summarize(data.pipeToFile);
  const berth = summarize(data.throughput.berth ?? []);
  const peak = summarize(data.peakRss.berth ?? []);
  const share = berth.median / pipe.median;
  return {
    title: `Log capture: one service printing ${megabytes} MB`,
    target: '≥ 80 % of a raw pipe\'s throughput, RSS bounded',
    rows: [
      { label: 'throughput captured to log files', unit: 'MB/s', samples: data.throughput, better: 'higher' },
      { label: 'peak RSS of the supervisor (VmHWM)', unit: 'MB', samples: data.peakRss },
      { label: 'reference: `node printer.mjs | cat > file` (no supervisor)', unit: 'MB/s', samples: { berth: data.pipeToFile }, better: 'higher' },
      { label: 'reference: `node printer.mjs > /dev/null`', unit: 'MB/s', samples: { berth: data.devNull }, better: 'higher' },
    ],
    verdicts: [
      { target: '≥ 80 % of the raw pipe (| cat > file)', measured: `${berth.median.toFixed(1)} MB/s = ${(share * 100).toFixed(1)} % of ${pipe.median.toFixed(0)} MB/s`, pass: share >= 0.8 },
      { target: 'RSS bounded (peak ≤ 2× idle RSS, not growing with the volume)', measured: `peak ${peak.median.toFixed(0)} MB (max ${peak.max.toFixed(0)}), idle ${idleRssMb.toFixed(0)} MB`, pass: peak.max <= 2 * idleRssMb },
    ],
    notes: [
      'Throughput is the printer\'s own: bytes / (first write → last write accepted by the pipe); a slow reader blocks the printer, so this is the capture rate. Reference rows are in the Berth column but involve no supervisor.',
      'Berth: logs/<service>.log rotated at 10 MB × 5 (and the headless profile echoes every line to its stdout, here a file). pm2: out/err files. supervisord: stdout_logfile 10 MB × 5. s6: s6-log n5 s10000000 (peak RSS of s6 = s6-svscan + s6-supervise + s6-log).',
    ],
  };
}

/** Idle RSS with N services. */
export function idleFigure(data: RestartIdleData, count: number): Figure {
  const ratio = pairedRatios(data.idleRss.berth ?? [], data.idleRss.pm2 ?? []);
  return {
    title: `Idle RSS with ${count} services`,
    target: "< 0.5× pm2's daemon",
    rows: [
      { label: 'RSS of the supervising process(es), all services up and idle', unit: 'MB', samples: data.idleRss },
      { label: 'floor: one idle `node listener.mjs` (a 10-line HTTP server on the same Node)', unit: 'MB', samples: { berth: data.serviceRss } },
    ],
    verdicts: [{ target: "< 0.5× pm2's daemon", measured: `Berth ${summarize(data.idleRss.berth ?? []).median.toFixed(1)} MB = ${ratio.median.toFixed(2)}× pm2's ${summarize(data.idleRss.pm2 ?? []).median.toFixed(1)} MB`, pass: ratio.median < 0.5 }],
    notes: ['Berth: the `berth run` process. pm2: the God daemon. supervisord: its Python process. s6: s6-svscan + every s6-supervise + every s6-log (the log capture Berth and the others do in-process).'],
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
