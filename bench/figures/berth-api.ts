// Reading a running Berth through its control API: /readyz polling and /status service times.
import { Agent } from 'node:http';
import type { BerthControl } from '../peers/berth-driver.ts';
import { httpGet } from '../lib/poll.ts';

/** The few /status fields the bench reads. */
export interface StatusService {
  readonly name: string;
  readonly state: string;
  readonly pid: number | null;
  readonly startedAt: string | null;
  readonly readyAt: string | null;
}

/** Polls GET /readyz every intervalMs until 200; resolves with performance.now() of the 200. */
export async function waitReadyz(control: BerthControl, timeoutMs: number, intervalMs = 10): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const deadline = performance.now() + timeoutMs;
  try {
    for (;;) {
      const reply = await httpGet(`${control.url}/readyz`, control.token, agent).catch(() => null);
      if (reply?.status === 200) return performance.now();
      if (performance.now() > deadline) throw new Error(`berth /readyz not 200 within ${timeoutMs} ms (last: ${reply?.status ?? 'no answer'})`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  } finally {
    agent.destroy();
  }
}

/** GET /status → its services. */
export async function fetchServices(control: BerthControl): Promise<StatusService[]> {
  const reply = await httpGet(`${control.url}/status`, control.token);
  if (reply.status !== 200) throw new Error(`berth /status answered ${reply.status}`);
  return (JSON.parse(reply.body) as { services: StatusService[] }).services;
}
