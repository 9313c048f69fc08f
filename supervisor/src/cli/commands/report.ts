// `berth report [-o FILE] [-n LINES]`: one .tar.gz for a bug report (issue 19). With a running
// supervisor it asks GET /report (the live /status, and every secret it knows redacted, prompted
// ones too); without one it builds the report here from the state dir (the last known state).
// Either way the file is written atomically, 0600. Its dependencies load when it runs.
import type { Command } from 'commander';
import { addClientOptions } from '../client-command.ts';
import { reportError } from '../report-error.ts';

/** Where `berth report` writes and what it reads (replaced in tests). */
export interface ReportCommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Runs `berth report` with commander's options; returns the exit code. */
export async function runReportCommand(rawOptions: unknown, io: ReportCommandIo): Promise<number> {
  try {
    const [{ z }, { resolve }, client, { isBerthError, BerthError }, { writeFileAtomic }, report] = await Promise.all([
      import('zod'), import('node:path'), import('../../client/index.ts'), import('../../errors.ts'), import('../../fs/atomic-write.ts'), import('../../report/index.ts'),
    ]);
    const parsed = z.object({ output: z.string().min(1).optional(), lines: z.coerce.number().int().min(1).max(100_000).default(1000), stateDir: z.string().min(1).optional(), bundle: z.string().min(1).optional(), json: z.boolean().default(false) }).safeParse(rawOptions);
    if (!parsed.success) throw new BerthError('CONFIG_INVALID', `--${String(parsed.error.issues[0]?.path[0] ?? 'option')}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const flags = parsed.data;
    const stateDir = await client.resolveClientStateDir({ ...(flags.stateDir ? { stateDir: flags.stateDir } : {}), ...(flags.bundle ? { bundle: flags.bundle } : {}) }, io.env, io.cwd);
    let archive: { fileName: string; bytes: Uint8Array };
    let live = true;
    try {
      const received = await (await client.connectToSupervisor(stateDir)).report(flags.lines);
      archive = { fileName: received.fileName ?? report.reportFileName('berth', new Date()), bytes: received.bytes };
    } catch (caught) {
      const error = client.toBerthError(caught);
      if (!isBerthError(error, 'SUPERVISOR_NOT_RUNNING')) throw error;
      live = false;
      const bundle = flags.bundle ?? io.env.BERTH_BUNDLE ?? 'bundle.json';
      const { input, appId } = await report.offlineReportInput(stateDir, resolve(io.cwd, bundle), io.env, flags.lines);
      archive = await report.makeReport(input, appId);
    }
    const path = resolve(io.cwd, flags.output ?? archive.fileName);
    await writeFileAtomic(path, archive.bytes, { mode: 0o600 });
    const line = flags.json ? JSON.stringify({ path, live, bytes: archive.bytes.length }) : `wrote ${path} (${live ? 'from the running supervisor' : 'no supervisor running: last known state'}, ${archive.bytes.length} bytes)`;
    io.stdout.write(`${line}\n`);
    return 0;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

/** Registers `berth report` on the program. */
export function registerReportCommand(program: Command): void {
  const command = program
    .command('report')
    .description('write a diagnostic report (.tar.gz): state, logs, telemetry, run records, manifest, versions, pre-flight; secrets redacted')
    .option('-o, --output <file>', 'where to write it (default: ./berth-report-<app>-<time>.tar.gz)')
    .option('-n, --lines <n>', 'last lines kept of each log and of telemetry', '1000');
  addClientOptions(command).action(async (options: unknown) => {
      process.exitCode = await runReportCommand(options, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() });
    });
}
