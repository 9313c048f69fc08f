import { describe, expect, it } from 'vitest';
import { decideOrphan } from './decide-orphan.ts';
import type { OrphanFacts } from './decide-orphan.ts';

const base: OrphanFacts = {
  recordPid: 100,
  recordPgid: 100,
  recordTicks: '5000',
  supervisorPid: 50,
  ownPid: 60,
  supervisorAlive: false,
  pidAlive: true,
  currentTicks: '5000',
  groupAlive: true,
  groupLeaderAlive: true,
};

describe('decideOrphan', () => {
  it.each<[string, Partial<OrphanFacts>, string, number?]>([
    ['own record', { supervisorPid: 60 }, 'skip'],
    ['supervisor still alive', { supervisorAlive: true }, 'skip'],
    ['pid and start time match: kill the group', {}, 'kill-group', -100],
    ['no pgid recorded: kill the pid only', { recordPgid: null }, 'kill-group', 100],
    ['pid reused (start time differs)', { currentTicks: '9999' }, 'mark-exited'],
    ['start time unknown on this OS', { recordTicks: null }, 'mark-exited'],
    ['start time unreadable now', { currentTicks: null }, 'mark-exited'],
    ['leader gone, grandchild left in the group', { pidAlive: false, currentTicks: null, groupLeaderAlive: false }, 'kill-group', -100],
    ['leader gone, group empty', { pidAlive: false, currentTicks: null, groupAlive: false, groupLeaderAlive: false }, 'mark-exited'],
    ['leader gone but a process holds the pgid as pid', { recordPgid: 101, pidAlive: false, currentTicks: null, groupLeaderAlive: true }, 'mark-exited'],
    ['never had a pid', { recordPid: null, recordPgid: null }, 'mark-exited'],
  ])('%s', (_name, facts, action, target) => {
    const verdict = decideOrphan({ ...base, ...facts });
    expect(verdict.action).toBe(action);
    if (verdict.action === 'kill-group') expect(verdict.target).toBe(target);
  });
});
