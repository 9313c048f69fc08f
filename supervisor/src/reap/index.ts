// Public module of the reaper: settles run records left "running" by a supervisor that died.
export { decideOrphan } from './decide-orphan.ts';
export type { OrphanFacts, OrphanVerdict } from './decide-orphan.ts';
export { reapOrphans } from './orphans.ts';
export type { ReapOptions } from './orphans.ts';
export { livingGroupMembers, waitUntilGone } from './process-group.ts';
