// The graceful channels with real processes (DESIGN §4, §14): `shutdown.http` POSTs and
// `shutdown.stdin` closes the pipe before any signal; a service that exits then gets no signal at
// all, one that ignores the request gets its stop signal after shutdown.timeout, and one whose
// endpoint answers 404 gets it at once.
import { expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';
import { readRunRecords } from './helpers/run-records.ts';
import { nodeFixture } from './helpers/sandbox.ts';

const h = useBerthHarness();

const TIMEOUT_MS = 600;

/** The graceful-channels fixture as service `name`, on its own port; its env and `shutdown` vary. */
function service(name: string, env: Record<string, string>, shutdown: Record<string, unknown>) {
  return [name, { command: nodeFixture('graceful-channels.mjs'), env: { PORT: `\${ports.${name}.http}`, ...env }, ports: { http: {} }, readiness: { log: 'READY', startTimeout: '30s' }, shutdown }] as const;
}

const HTTP = { port: 'http', path: '/shutdown' };

it('stops through POST or stdin first; the signal only after shutdown.timeout for one that ignores them, at once for a 404', async () => {
  const sb = await h.sandbox('channels');
  const timeout = `${TIMEOUT_MS}ms`;
  const services = Object.fromEntries([
    service('post', { ON_POST: 'exit' }, { http: HTTP, timeout }),
    service('pipe', { ON_STDIN: 'exit' }, { stdin: true, timeout }),
    service('deafpost', { ON_POST: 'ignore' }, { http: HTTP, timeout }),
    service('deafpipe', { ON_STDIN: 'ignore' }, { stdin: true, timeout }),
    service('missing', { ON_POST: 'missing' }, { http: HTTP, timeout: '20s' }),
  ]);
  await sb.writeBundle(services);
  const berth = h.start(sb);
  await berth.waitForStates(Object.keys(services), ['ready']);
  const sigintAt = Date.now();
  berth.signal('SIGINT');
  const exit = await berth.waitForExit();
  expect(exit.code, berth.output).toBe(0);
  const marks = await sb.marks();
  const events = (name: string) => marks.filter((entry) => entry.name === name).map((entry) => entry.event);
  const at = (name: string, event: string) => marks.find((entry) => entry.name === name && entry.event === event)?.atMs ?? Number.NaN;

  // Asked, and gone: no signal at all, a clean exit.
  expect(events('post')).toEqual(['post']);
  expect(events('pipe')).toEqual(['stdin-end']);
  // Asked, ignored: the stop signal once shutdown.timeout has passed since the request.
  expect(events('deafpost')).toEqual(['post', 'sigterm']);
  expect(events('deafpipe')).toEqual(['stdin-end', 'sigterm']);
  for (const [name, asked] of [['deafpost', 'post'], ['deafpipe', 'stdin-end']] as const) {
    const waitedMs = at(name, 'sigterm') - at(name, asked);
    expect(waitedMs, `${name} got SIGTERM ${waitedMs} ms after the request`).toBeGreaterThanOrEqual(TIMEOUT_MS - 20);
    expect(waitedMs).toBeLessThan(TIMEOUT_MS + 2_000);
  }
  // A 404 is no request delivered: SIGTERM at once, long before its 20 s timeout.
  expect(events('missing')).toEqual(['post', 'sigterm']);
  expect(at('missing', 'sigterm') - sigintAt).toBeLessThan(5_000);

  const records = await readRunRecords(sb.stateDir);
  expect(Object.fromEntries(records.map((record) => [record.service, [record.exitCode, record.signal]]))).toEqual({
    post: [0, null],
    pipe: [0, null],
    deafpost: [0, null],
    deafpipe: [0, null],
    missing: [0, null],
  });
});
