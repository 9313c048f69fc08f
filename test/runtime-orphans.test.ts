// No orphans, ever (issue 4): a supervisor killed with -9 leaves its services running, and the next
// supervisor on the same state dir reaps every old group before starting its own; a desktop
// supervisor whose parent is killed with -9 stops every service within about a second.
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { isPidLiving, livingGroupMembers } from './helpers/process-groups.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { nodeFixture, type Sandbox } from './helpers/sandbox.ts';

const h = useBerthHarness();

const QUICK = { interval: '100ms', startTimeout: '30s' } as const;

/** A sandbox with two services: an http one, and one that leaves a grandchild in its group. */
async function twoServicesSandbox(): Promise<Sandbox> {
  const sb = await h.sandbox('orphans');
  await sb.writeBundle({
    web: { command: nodeFixture('marked-http.mjs'), env: { PORT: '${ports.web.http}' }, ports: { http: {} }, readiness: { http: { port: 'http' }, ...QUICK } },
    parent: { command: nodeFixture('spawn-grandchild.mjs'), readiness: { log: 'READY', startTimeout: '30s' } },
  });
  return sb;
}

async function waitUntil(what: string, check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('no orphans', () => {
  it('kill -9 the supervisor, start it again: every process of the old groups is reaped first', async () => {
    const sb = await twoServicesSandbox();
    const first = h.start(sb);
    const old = await first.waitForStates(['web', 'parent'], ['ready']);
    const oldGroups = [old.web?.pid ?? 0, old.parent?.pid ?? 0];
    const grandchild = Number((await first.waitForOutput(/grandchild pid (\d+)/))[1]);
    h.trackPid(grandchild, 'grandchild of the first parent');
    first.signal('SIGKILL');
    await first.waitForExit();
    // Nobody stopped them: the old services (and the grandchild) are orphans now.
    for (const pgid of oldGroups) expect(livingGroupMembers(pgid).length).toBeGreaterThan(0);
    expect(isPidLiving(grandchild)).toBe(true);

    const second = h.start(sb);
    const now = await second.waitForStates(['web', 'parent'], ['ready']);
    for (const pgid of oldGroups) expect(livingGroupMembers(pgid)).toEqual([]);
    expect(isPidLiving(grandchild)).toBe(false);
    expect([now.web?.pid, now.parent?.pid]).not.toContain(oldGroups[0]);
    // The old run records say what happened to them.
    const records = await readRunRecords(sb.stateDir);
    const oldRecords = records.filter((record) => oldGroups.includes(record.pgid ?? 0));
    expect(oldRecords.map((record) => record.status)).toEqual(['reaped', 'reaped']);

    second.signal('SIGINT');
    expect((await second.waitForExit()).code, second.output).toBe(0);
  });

  it('kill -9 the parent of a desktop supervisor: every service is gone within 2 s', async () => {
    const sb = await twoServicesSandbox();
    const shell = h.start(sb, { profile: 'desktop', viaParent: true });
    const up = await shell.waitForStates(['web', 'parent'], ['ready']);
    // The desktop handshake is the one line the supervisor prints on stdout.
    const handshake = JSON.parse((await shell.waitForOutput(/^\{"type":"control-ready".*\}$/m))[0]) as { pid: number };
    const supervisorPid = handshake.pid;
    expect(supervisorPid).toBe((await shell.controlFile()).pid);
    const groups = [up.web?.pid ?? 0, up.parent?.pid ?? 0];

    shell.signal('SIGKILL');
    await shell.waitForExit();
    const goneAfterMs = await waitUntil('every service group gone', () => groups.every((pgid) => livingGroupMembers(pgid).length === 0), 10_000);
    expect(goneAfterMs).toBeLessThan(2_000);
    await waitUntil('the supervisor exited', () => !isPidLiving(supervisorPid), 10_000);
  });
});
