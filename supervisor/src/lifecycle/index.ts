// Public module of lifecycle helpers: noticing that the parent (the desktop app) is gone.
export { watchParent } from './parent-watch.ts';
export type { ParentWatchOptions } from './parent-watch.ts';
