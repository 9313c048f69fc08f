// Entry point of the compiled supervisor (dist/supervisor/berth-main.cjs, loaded by the launcher
// dist/supervisor/berth.mjs, bin.berth). No top-level await: the bundle is CommonJS.
// First: zod's settings apply to the schemas created after them.
import './zod-setup.ts';
import { reportError } from './cli/report-error.ts';
import { createProgram } from './cli/program.ts';

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.exitCode = reportError(error);
  });
