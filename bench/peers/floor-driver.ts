// The floor of the services figures: bench/fixtures/spawn-floor.mjs, a bare Node program that
// spawns the scenario's services with piped stdio and does nothing else (no state, no probes, no
// log files). It is what any supervisor written in Node pays at least; Berth's ratio to it is the
// figure's verdict.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { killQuietly } from '../lib/cleanup.ts';
import { spawnLogged, within } from '../lib/spawn.ts';
import { fixturePath, programOf, type Scenario } from '../scenarios/scenario.ts';
import type { PeerDriver, PeerHandle, StartRequest } from './driver.ts';

/** One entry of spawn-floor.mjs's plan. */
export interface FloorEntry {
  readonly program: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

/** The plan spawn-floor.mjs runs for a scenario: each service's argv and environment, as every peer gets them. Pure. */
export function floorPlan(scenario: Scenario, env: NodeJS.ProcessEnv, cwd: string): FloorEntry[] {
  return scenario.services.map((service) => ({ program: programOf(scenario, service), args: [service.script], env: { ...env, ...service.env }, cwd }));
}

function startFloor(request: StartRequest): Promise<PeerHandle> {
  const planFile = join(request.dir, 'floor-plan.json');
  writeFileSync(planFile, JSON.stringify(floorPlan(request.scenario, request.env, request.dir)));
  const spawned = spawnLogged(process.execPath, [fixturePath('spawn-floor.mjs'), planFile], { env: request.env, cwd: request.dir, logFile: join(request.dir, 'floor.out') });
  const destroy = async () => {
    if (spawned.hasExited()) return;
    killQuietly(spawned.pid, 'SIGTERM');
    if (!(await within(spawned.exited, 5000))) killQuietly(-spawned.pid, 'SIGKILL');
  };
  request.cleanup.add('floor', destroy);
  return Promise.resolve({
    name: 'floor',
    supervisorPids: () => Promise.resolve([spawned.pid]),
    async shutdown(timeoutMs) {
      killQuietly(spawned.pid, 'SIGTERM');
      if (!(await within(spawned.exited, timeoutMs))) throw new Error(`spawn-floor.mjs did not exit within ${timeoutMs} ms of SIGTERM`);
    },
    destroy,
  });
}

/** The Node floor as a peer (not a supervisor: it never restarts anything). */
export const floorDriver: PeerDriver = { name: 'floor', start: startFloor };
