// Public module of permissions: files and folders readable by the current user only, on every OS.
export { icaclsOwnerOnlyArgs, parseWhoamiUser, WHOAMI_USER_ARGS } from './owner-only-args.ts';
export { restrictToOwner } from './restrict-to-owner.ts';
export type { OwnerOnlyDeps } from './restrict-to-owner.ts';
