// Public module of the parent concern: noticing that the parent (the desktop app) is gone.
export { watchParent } from './parent-watch.ts';
export type { ParentWatchOptions } from './parent-watch.ts';
