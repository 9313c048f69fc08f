// The end-of-test process check of the runtime tests, checked itself: it must see a living process
// group (so a leak cannot pass unnoticed), and see it gone once killed.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { livingGroupMembers, ProcessTracker } from './helpers/process-groups.ts';

describe('process tracker', () => {
  it('reports a living group with its members, and nothing once the group is killed', async () => {
    const leader = spawn(process.execPath, ['-e', 'require("node:child_process").spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" }); setInterval(() => {}, 1000)'], { detached: true, stdio: 'ignore' });
    const pgid = leader.pid ?? 0;
    const tracker = new ProcessTracker();
    tracker.addGroup(pgid, 'test group');
    try {
      // Leader and its child, in the leader's group.
      const deadline = Date.now() + 10_000;
      while (livingGroupMembers(pgid).length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(livingGroupMembers(pgid)).toHaveLength(2);
      const left = tracker.leftovers();
      expect(left).toHaveLength(1);
      expect(left[0]?.what).toBe(`process group ${pgid} (test group)`);
    } finally {
      tracker.killAll();
    }
    expect(await tracker.waitGone(5_000)).toEqual([]);
  });
});
