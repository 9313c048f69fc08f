// Runs a CLI as a child process and collects stdout, stderr and the exit code.
import { spawn } from 'node:child_process';

/** What a CLI run produced. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Spawns `argv[0]` with the rest, optional stdin text, and waits for it to exit. */
export function runCli(argv: readonly string[], options: { env?: Record<string, string>; stdin?: string; onStdout?: (text: string) => void; timeoutMs?: number } = {}): Promise<CliResult> {
  const [file = '', ...args] = argv;
  const child = spawn(file, args, { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    options.onStdout?.(stdout);
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  // A program that exits before reading its stdin closes the pipe first: EPIPE is not the test's failure.
  child.stdin.on('error', () => undefined);
  child.stdin.end(options.stdin ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
