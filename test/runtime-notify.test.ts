// Readiness by notification (issue 19) with real programs: a Node service and a Python service
// say READY=1 on fd 3 ($BERTH_NOTIFY_FD) with the two lines the README shows, a STATUS= line shows
// in /status while the service starts, dependents wait for the word, and a service that closes
// the fd without it is not ready: its start timeout ends it with a reason that says so.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { useBerthHarness } from './helpers/berth-harness.ts';

const h = useBerthHarness();

/** Node: STATUS while it waits for the gate file (argv[1]), then READY=1 and STATUS=serving. */
const NODE_SERVICE = [
  "const { existsSync, writeSync } = require('node:fs');",
  'const fd = Number(process.env.BERTH_NOTIFY_FD);',
  "writeSync(fd, 'STATUS=warming up\\n');",
  "const wait = setInterval(() => { if (existsSync(process.argv[1])) { clearInterval(wait); writeSync(fd, 'READY=1\\nSTATUS=serving\\n'); } }, 20);",
  'setInterval(() => {}, 1000);',
].join('\n');

/** Python: the README's two lines, then it keeps running. */
const PYTHON_SERVICE = ['import os, time', 'os.write(int(os.environ["BERTH_NOTIFY_FD"]), b"READY=1\\n")', 'time.sleep(3600)'].join('\n');

/** Closes its notify fd without a word and keeps running. */
const SILENT_SERVICE = "require('node:fs').closeSync(Number(process.env.BERTH_NOTIFY_FD)); setInterval(() => {}, 1000);";

describe('readiness: { notify: "fd" }', () => {
  it('a Node and a Python service say READY=1 on fd 3; STATUS= shows in /status; dependents wait for it', async () => {
    const sb = await h.sandbox('notify');
    const gate = sb.path('gate');
    await sb.writeBundle({
      node: { command: ['${node}', '-e', NODE_SERVICE, gate], readiness: { notify: 'fd', startTimeout: '30s' } },
      python: { command: ['python3', '-u', '-c', PYTHON_SERVICE], dependsOn: { node: 'ready' }, readiness: { notify: 'fd', startTimeout: '30s' } },
    });
    const run = h.start(sb);
    const starting = await run.waitFor('node to say STATUS=warming up', (services) => services.node?.notifyStatus === 'warming up');
    expect(starting.node?.state).toBe('starting');
    expect(starting.python?.state).toBe('pending');
    await writeFile(gate, '');
    const up = await run.waitForStates(['node', 'python'], ['ready']);
    expect(up.node?.notifyStatus).toBe('serving');
    expect(up.python?.notifyStatus).toBeNull();
    const node = await run.service('node');
    expect(node.readyAt).not.toBeNull();
  });

  it('a service that closes the fd without READY=1 is not ready; its start timeout ends it', async () => {
    const sb = await h.sandbox('notify-silent');
    await sb.writeBundle({
      silent: { command: ['${node}', '-e', SILENT_SERVICE], readiness: { notify: 'fd', startTimeout: '1s' }, restart: { policy: 'never' } },
    });
    const run = h.start(sb);
    // A failed start-up ends the headless run (exit 1) with the failure and its last lines on stderr.
    expect((await run.waitForExit(15_000)).code).toBe(1);
    expect(run.stderr).toContain('berth: start-up failed: silent: not ready within its start timeout; restart policy is "never"');
    expect(run.stderr).toContain('silent | no READY=1 on the notify fd within 1000 ms (it closed its notify fd without writing READY=1)');
  });
});
