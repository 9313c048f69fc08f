// Runs every measurement of a plan in order, then turns them into figures.
import { existsSync } from 'node:fs';
import type { BenchContext } from './lib/context.ts';
import { measureChain, type ChainData } from './figures/chain.ts';
import { measureControlLatency, type LatencyData } from './figures/control-latency.ts';
import { handoffFigure, idleFigure, latencyFigure, logFigure, readinessFigure, restartFigure, shutdownFigure, startManyFigure } from './figures/build-figures.ts';
import { measureHandoff, type HandoffData } from './figures/handoff.ts';
import { measureLogCapture, type LogCaptureData } from './figures/log-capture.ts';
import { measureDashboard } from './figures/dashboard.ts';
import { measureFixtureFloor, measureRestartIdle, type FixtureFloor, type RestartIdleData } from './figures/restart-idle.ts';
import type { PeerSamples } from './figures/samples.ts';
import { measureShutdownIgnoringTerm } from './figures/shutdown-ignore.ts';
import { findCase, measureStartMany, type StartManyData } from './figures/start-many.ts';
import { measureStartup } from './figures/startup.ts';
import { summarize } from './lib/stats.ts';
import { berthDriver } from './peers/berth-driver.ts';
import { floorDriver } from './peers/floor-driver.ts';
import type { PeerDriver, PeerName } from './peers/driver.ts';
import { pm2Driver } from './peers/pm2-driver.ts';
import { s6Driver } from './peers/s6-driver.ts';
import { supervisordDriver } from './peers/supervisord-driver.ts';
import { headlineCounts, type BenchPlan } from './plan.ts';
import { PERL, type ListenerKind } from './scenarios/scenario.ts';
import { failedFigure, type Figure } from './report/model.ts';

/** Everything measured. */
export interface Measured {
  readonly startup: Figure;
  readonly startMany: StartManyData;
  readonly chain: ChainData;
  readonly restartIdle: RestartIdleData;
  /** Each listener fixture run alone by the harness (spawn → clock, idle memory). */
  readonly floors: Record<ListenerKind, FixtureFloor>;
  readonly shutdownIgnoring: PeerSamples;
  readonly logCapture: LogCaptureData;
  readonly latency: LatencyData;
  readonly handoff: HandoffData | Error;
  readonly dashboard: Figure[];
}

/** Runs the plan with the peers that are available. */
export async function measureAll(ctx: BenchContext, plan: BenchPlan, available: ReadonlySet<'supervisord' | 's6'>): Promise<Measured> {
  const drivers: PeerDriver[] = [berthDriver, pm2Driver, ...(available.has('supervisord') ? [supervisordDriver] : []), ...(available.has('s6') ? [s6Driver] : [])];
  const names: PeerName[] = drivers.map((driver) => driver.name);
  if (!existsSync(PERL)) throw new Error(`${PERL} is missing: the light listener (bench/fixtures/listener.pl) needs perl-base`);
  const step = (title: string) => ctx.log(`bench: ${title}`);
  step('supervisor start → control API ready');
  const startup = await measureStartup(ctx, names, plan.startupRuns, plan.marksS.startup);
  step(`independent services → all ready, then shutdown: ${plan.startCases.map((entry) => `${entry.count} ${entry.listener}`).join(', ')}`);
  // The Node floor runs beside the supervisors here only: it starts services, it supervises nothing.
  const startMany = await measureStartMany(ctx, [berthDriver, floorDriver, ...drivers.slice(1)], plan.startCases);
  step(`chain of ${plan.chainLevels} dependent services`);
  const chain = await measureChain(ctx, plan.chainLevels, plan.chainDelayMs, plan.chainRuns, plan.marksS.chain);
  step(`${plan.restartServices} services: idle RSS, kill -9 → respawn`);
  const floors = { light: await measureFixtureFloor(ctx, 'light', 10), node: await measureFixtureFloor(ctx, 'node', 10) };
  const restartIdle = await measureRestartIdle(ctx, drivers, plan.restartServices, plan.settleMs, plan.restartRuns, plan.marksS.restart);
  step(`shutdown of ${plan.shutdownServices} services ignoring SIGTERM (1 s grace)`);
  const shutdownIgnoring = await measureShutdownIgnoringTerm(ctx, drivers, plan.shutdownServices, plan.shutdownRuns, plan.marksS.shutdown);
  step(`log capture: ${plan.logMegabytes} MB`);
  const logCapture = await measureLogCapture(ctx, drivers, plan.logMegabytes * 1024 * 1024, plan.logRuns, plan.marksS.log);
  step(`control API latency with ${plan.latencyServices} services`);
  const latency = await measureControlLatency(ctx, plan.latencyServices, plan.latencyRequests, available.has('supervisord') ? plan.peerLatencyRequests : 0);
  step(`Notes hand-off → all ready, against stop + start (${plan.handoffRuns} pairs)`);
  const handoff = await measureHandoff(ctx, plan.handoffRuns, plan.marksS.handoff).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  step('dashboard (bench/renderer-size.ts, bench/renderer-render.ts)');
  const dashboard = await measureDashboard(ctx);
  return { startup, startMany, chain, restartIdle, floors, shutdownIgnoring, logCapture, latency, handoff, dashboard };
}

/** The figures of RESULTS.md, in the issue's order. */
export function buildFigures(measured: Measured, plan: BenchPlan): Figure[] {
  const idleRss = summarize(measured.restartIdle.idleRss.berth ?? []).median;
  const promptCount = headlineCounts(plan).includes(plan.shutdownServices) ? plan.shutdownServices : (headlineCounts(plan)[0] ?? plan.shutdownServices);
  const prompt = findCase(measured.startMany, 'light', promptCount)?.shutdown ?? {};
  const promptNode = findCase(measured.startMany, 'node', promptCount)?.shutdown ?? null;
  const lags = (listener: ListenerKind) => [...measured.startMany.cases.filter((entry) => entry.listener === listener).flatMap((entry) => entry.readinessLag), ...measured.chain.readinessLag[listener]];
  return [
    measured.startup,
    startManyFigure(measured.startMany),
    measured.chain.figure,
    readinessFigure({ light: lags('light'), node: lags('node') }),
    restartFigure(measured.restartIdle, measured.floors, plan.restartServices),
    shutdownFigure(prompt, promptNode, measured.shutdownIgnoring, promptCount),
    logFigure(measured.logCapture, idleRss, plan.logMegabytes),
    idleFigure(measured.restartIdle, measured.floors, plan.restartServices),
    latencyFigure(measured.latency, plan.latencyServices),
    measured.handoff instanceof Error ? failedFigure('Notes: hand-off to a new version → all ready', '≤ 1.2× a stop + start of the same version', measured.handoff) : handoffFigure(measured.handoff),
    ...measured.dashboard,
  ];
}
