// Run ids sort by time as plain strings: `20261125T153012.123Z-1a2b`.
import { randomBytes } from 'node:crypto';

/** A new run id for a start at `at` (the random suffix separates starts within one millisecond). */
export function createRunId(at: Date, suffix: string = randomBytes(2).toString('hex')): string {
  return `${at.toISOString().replace(/[-:]/g, '')}-${suffix}`;
}

/** True for a string shaped like a run id (folder names under runs/<service>/). */
export function isRunId(name: string): boolean {
  return /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{4}$/.test(name);
}
