// What creating a file costs where the bench keeps the supervisors' state: every supervisor
// creates files and folders as services start (Berth: a run folder and its record per start),
// so a slow file system weighs on the start figures, more for whoever creates more. Measured
// once per run and printed with the machine, because it differs wildly on one disk: on the bench
// machine a new folder in /tmp got ≈ 1.2 ms of CPU per mkdir or create, one in /var/tmp 0.03–0.06.
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { median } from './stats.ts';

/** Median CPU time (user + system, µs) of one mkdir and of one file create. */
export interface FileCreationCost {
  readonly mkdirUs: number;
  readonly createUs: number;
}

function cpuUs(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

/** Creates `count` folders, each with one file, in a fresh folder under `root`; removes it all again. */
export function measureFileCreation(root: string, count = 100): FileCreationCost {
  const dir = mkdtempSync(join(root, 'fs-cost-'));
  const mkdirs: number[] = [];
  const creates: number[] = [];
  try {
    for (let index = 0; index < count; index++) {
      const folder = join(dir, String(index));
      let began = cpuUs();
      mkdirSync(folder);
      mkdirs.push(cpuUs() - began);
      began = cpuUs();
      closeSync(openSync(join(folder, 'file'), 'wx'));
      creates.push(cpuUs() - began);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { mkdirUs: median(mkdirs), createUs: median(creates) };
}
