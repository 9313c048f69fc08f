// Run ids sort by time as plain strings: `20261125T153012.123Z-1a2b`.

/**
 * A new run id for a start at `at`. The suffix only separates starts within one millisecond, so
 * Math.random serves (node:crypto's randomBytes cost ≈ 50 µs a start, on the path of every spawn).
 */
export function createRunId(at: Date, suffix: string = Math.floor(Math.random() * 0x10000).toString(16).padStart(4, '0')): string {
  return `${at.toISOString().replace(/[-:]/g, '')}-${suffix}`;
}

/** True for a string shaped like a run id (folder names under runs/<service>/). */
export function isRunId(name: string): boolean {
  return /^\d{8}T\d{6}\.\d{3}Z-[0-9a-f]{4}$/.test(name);
}
