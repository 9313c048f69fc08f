// What an in-process command writes to and reads from: the process's own streams, environment and
// folder when it runs, others in tests.

/** The streams, environment and working folder of one command run. */
export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** The running process's own. */
export function processIo(): CommandIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
