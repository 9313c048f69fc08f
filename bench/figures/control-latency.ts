// Control API latency with 20 services: sequential requests over one keep-alive connection,
// each timed. Berth: GET /status and GET /readyz. supervisord's equivalent of /status is the
// XML-RPC call supervisor.getAllProcessInfo over its HTTP server (also keep-alive). The services
// are light listeners (idle either way; the lighter ones leave the 2 cores to the control API).
import { Agent } from 'node:http';
import { join } from 'node:path';
import type { BenchContext } from '../lib/context.ts';
import { allocatePorts } from '../lib/ports.ts';
import { httpGet, httpPost, waitPortsListening } from '../lib/poll.ts';
import { berthDriver, isBerthHandle } from '../peers/berth-driver.ts';
import type { PeerDriver } from '../peers/driver.ts';
import { startSupervisord } from '../peers/supervisord-driver.ts';
import { independentScenario } from '../scenarios/services.ts';
import { waitReadyz } from './berth-api.ts';
import { sleep, withSession } from './session.ts';

/** Latency samples (ms) per endpoint. */
export interface LatencyData {
  readonly berthStatus: number[];
  readonly berthReadyz: number[];
  readonly supervisordInfo: number[];
}

const ALL_INFO = '<?xml version="1.0"?><methodCall><methodName>supervisor.getAllProcessInfo</methodName><params></params></methodCall>';

async function timeRequests(count: number, request: (agent: Agent) => Promise<number>): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const samples: number[] = [];
  try {
    for (let i = 0; i < 50; i++) await request(agent); // warm-up
    for (let i = 0; i < count; i++) {
      const t0 = performance.now();
      const status = await request(agent);
      samples.push(performance.now() - t0);
      if (status !== 200) throw new Error(`answered ${status}`);
    }
    return samples;
  } finally {
    agent.destroy();
  }
}

/** Measures Berth's and supervisord's status endpoints with `services` services running. */
export async function measureControlLatency(ctx: BenchContext, services: number, requests: number, supervisordRequests: number): Promise<LatencyData> {
  const data: LatencyData = { berthStatus: [], berthReadyz: [], supervisordInfo: [] };
  const berthDir = ctx.newDir('latency-berth');
  const berthScenario = independentScenario({ node: process.execPath, ports: await allocatePorts(services), listenLog: join(berthDir, 'listen.log'), listener: 'light' });
  await withSession(ctx, berthDriver, berthScenario, berthDir, async (handle) => {
    if (!isBerthHandle(handle)) throw new Error('not berth');
    const control = await handle.control(60_000);
    await waitReadyz(control, 60_000);
    await sleep(500);
    data.berthStatus.push(...(await timeRequests(requests, async (agent) => (await httpGet(`${control.url}/status`, control.token, agent)).status)));
    data.berthReadyz.push(...(await timeRequests(requests, async (agent) => (await httpGet(`${control.url}/readyz`, control.token, agent)).status)));
  });
  if (supervisordRequests === 0) return data;
  const dir = ctx.newDir('latency-supervisord');
  const ports = await allocatePorts(services);
  const scenario = independentScenario({ node: process.execPath, ports, listenLog: join(dir, 'listen.log'), listener: 'light' });
  const driver: PeerDriver = { name: 'supervisord', start: startSupervisord };
  await withSession(ctx, driver, scenario, dir, async (handle) => {
    if (!('rpcUrl' in handle) || typeof handle.rpcUrl !== 'string') throw new Error('not supervisord');
    const rpcUrl = handle.rpcUrl;
    await waitPortsListening(ports, 60_000);
    await sleep(1500);
    data.supervisordInfo.push(...(await timeRequests(supervisordRequests, async (agent) => (await httpPost(rpcUrl, ALL_INFO, 'text/xml', agent)).status)));
  });
  return data;
}
