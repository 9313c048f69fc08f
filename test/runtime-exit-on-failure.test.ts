// Shutdown for orchestrators (issue 19): a service that gives up after start-up leaves the
// supervisor serving with /readyz 503, or — with --exit-on-failure — ends the run with exit 1.
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { rawRequest } from './helpers/control-http.ts';
import type { Sandbox } from './helpers/sandbox.ts';

const h = useBerthHarness();

/** `doomed` runs, then exits 1 after 1 s with no restart left; `steady` keeps running. */
async function bundle(sb: Sandbox): Promise<void> {
  await sb.writeBundle({
    doomed: { command: ['${node}', '-e', 'setTimeout(() => process.exit(1), 1000)'], restart: { policy: 'on-failure', maxRestarts: 0 } },
    steady: { command: ['${node}', '-e', 'setInterval(() => {}, 1000)'] },
  });
}

describe('a service that exhausts its restart budget after start-up', () => {
  it('keeps the supervisor serving, /readyz 503', async () => {
    const sb = await h.sandbox('keep-serving');
    await bundle(sb);
    const run = h.start(sb, { profile: 'server' });
    await run.waitForStates(['doomed'], ['failed']);
    const control = await run.controlFile();
    const ready = await rawRequest(Number(new URL(control.url).port), { path: '/readyz', token: control.token });
    expect(ready.status).toBe(503);
    expect((await run.service('steady')).state).toBe('running');
    run.signal('SIGTERM');
    expect((await run.waitForExit()).code).toBe(0);
  });

  it('with --exit-on-failure stops everything and exits 1', async () => {
    const sb = await h.sandbox('exit-on-failure');
    await bundle(sb);
    const run = h.start(sb, { profile: 'server', args: ['--exit-on-failure'] });
    expect((await run.waitForExit()).code).toBe(1);
    expect(run.stdout).toMatch(/"msg":"stopping".*"reason":"doomed failed \(--exit-on-failure\)/);
  });
});
