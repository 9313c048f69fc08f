// Entry point of the compiled supervisor (dist/supervisor/berth.mjs, bin.berth).
import { reportError } from './cli/report-error.ts';
import { createProgram } from './cli/program.ts';

try {
  await createProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportError(error);
}
