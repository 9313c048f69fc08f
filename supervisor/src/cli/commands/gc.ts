// `berth gc [--state-dir DIR] [--older-than 168h] [--keep-failed] [--dry-run] [--json]`: removes run
// records and rotated logs older than the cutoff (DESIGN §7) and says what it removed. The state
// dir resolves --state-dir > BERTH_STATE_DIR > the default of --bundle / ./bundle.json's app id.
import { relative } from 'node:path';
// Its dependencies are imported when it runs, so other verbs do not load them.
import type { Command } from 'commander';
import { BerthError } from '../../errors.ts';
import { processIo, type CommandIo } from '../command-io.ts';
import { reportError } from '../report-error.ts';

/** The flags of `berth gc`, checked with zod (built on first use). */
async function gcFlagsSchema() {
  const { z } = await import('zod');
  return z.object({
    stateDir: z.string().min(1).optional(),
    bundle: z.string().min(1).optional(),
    olderThan: z.string().default('168h'),
    keepFailed: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    json: z.boolean().default(false),
  });
}


/** Runs `berth gc` with commander's options; returns the exit code (0, 1, or 2 for bad input). */
export async function runGcCommand(rawOptions: unknown, io: CommandIo): Promise<number> {
  try {
    const [{ resolveClientStateDir }, { runGc }, { formatDurationMs, parseDurationMs }] = await Promise.all([import('../../client/index.ts'), import('../../gc/index.ts'), import('../../manifest/duration.ts')]);
    const parsed = (await gcFlagsSchema()).safeParse(rawOptions);
    if (!parsed.success) throw new BerthError('CONFIG_INVALID', `invalid options: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const flags = parsed.data;
    const olderThanMs = parseDurationMs(flags.olderThan);
    if (olderThanMs === undefined) throw new BerthError('CONFIG_INVALID', `--older-than: "${flags.olderThan}" is not a duration; write e.g. "168h", "7d", "30m"`);
    const stateDir = await resolveClientStateDir({ ...(flags.stateDir ? { stateDir: flags.stateDir } : {}), ...(flags.bundle ? { bundle: flags.bundle } : {}) }, io.env, io.cwd);
    const result = await runGc({ stateDir, olderThanMs, keepFailed: flags.keepFailed, dryRun: flags.dryRun });
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ stateDir, dryRun: flags.dryRun, olderThanMs, removed: result.removed, kept: result.kept })}\n`);
      return 0;
    }
    const verb = flags.dryRun ? 'would remove' : 'removed';
    for (const path of result.removed) io.stdout.write(`${verb} ${relative(stateDir, path)}\n`);
    io.stdout.write(`${verb} ${result.removed.length} item(s) older than ${formatDurationMs(olderThanMs)}; kept ${result.kept} (${stateDir})\n`);
    return 0;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

/** Registers `berth gc` on the program. */
export function registerGcCommand(program: Command): void {
  program
    .command('gc')
    .description('remove run records and rotated logs older than a cutoff (never a running service\'s)')
    .option('--state-dir <dir>', 'state dir (default: $BERTH_STATE_DIR, else the app\'s default)')
    .option('-b, --bundle <file>', 'bundle whose default state dir to use (default: $BERTH_BUNDLE, else ./bundle.json)')
    .option('--older-than <duration>', 'age cutoff, e.g. 168h, 7d, 30m', '168h')
    .option('--keep-failed', 'keep runs that failed (non-zero exit, signal, reaped)')
    .option('--dry-run', 'only say what would be removed')
    .option('--json', 'print JSON instead of text')
    .action(async (options: unknown) => {
      process.exitCode = await runGcCommand(options, processIo());
    });
}
