// The spawner thread's program: it spawns service processes on its own event loop and relays
// their pipes and exits to the supervisor's loop as messages (spawner-thread.ts is the other end).
//
// It runs from its source text (`new Worker(`(${body})()`, { eval: true })`), so the function is
// self-contained: nothing from this module's scope, builtins through process.getBuiltinModule.
// That keeps it one bundle file, the same code in the tests (TypeScript run by vitest) and in
// dist/supervisor/berth-main.cjs.

/** Supervisor → spawner thread. `fd` is 1 (stdout) or 2 (stderr). */
export type SpawnerCommand =
  | { readonly type: 'spawn'; readonly id: number; readonly file: string; readonly args: readonly string[]; readonly env: Readonly<Record<string, string>>; readonly cwd: string }
  | { readonly type: 'pause' | 'resume' | 'destroy'; readonly id: number; readonly fd: 1 | 2 };

/** Spawner thread → supervisor. */
export type SpawnerEvent =
  | { readonly type: 'spawned'; readonly id: number; readonly pid: number }
  | { readonly type: 'spawn-error'; readonly id: number; readonly code: string | undefined; readonly message: string }
  | { readonly type: 'data'; readonly id: number; readonly fd: 1 | 2; readonly bytes: ArrayBuffer }
  | { readonly type: 'end'; readonly id: number; readonly fd: 1 | 2 }
  | { readonly type: 'exit'; readonly id: number; readonly code: number | null; readonly signal: string | null; readonly error?: string };

/** The thread's main function. Self-contained (see above): runs from its own source text. */
export function spawnerThreadBody(): void {
  const { spawn } = process.getBuiltinModule('node:child_process');
  const { parentPort } = process.getBuiltinModule('node:worker_threads');
  if (parentPort === null) throw new Error('the spawner runs as a worker thread');
  const port = parentPort;
  type Pipe = NonNullable<ReturnType<typeof spawn>['stdout']>;
  const pipes = new Map<string, Pipe>();
  const post = (event: SpawnerEvent, transfer: ArrayBuffer[] = []) => port.postMessage(event, transfer);

  const relay = (id: number, fd: 1 | 2, pipe: Pipe) => {
    const key = `${id}:${fd}`;
    pipes.set(key, pipe);
    pipe.on('data', (chunk: Buffer) => {
      // Pipe reads arrive in an ArrayBuffer of their own size: moved to the other thread, not
      // copied. A chunk that shares its memory (not seen from pipes; defensive) is copied.
      const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer;
      const bytes = own ? (chunk.buffer as ArrayBuffer) : new Uint8Array(chunk).buffer;
      post({ type: 'data', id, fd, bytes }, [bytes]);
    });
    // 'close' follows the end of output, a read error and a destroy alike: the supervisor's
    // stream ends (its own 'error' would tell it nothing it can act on).
    pipe.once('error', () => undefined);
    pipe.once('close', () => {
      pipes.delete(key);
      post({ type: 'end', id, fd });
    });
  };

  port.on('message', (command: SpawnerCommand) => {
    if (command.type !== 'spawn') {
      const pipe = pipes.get(`${command.id}:${command.fd}`);
      if (pipe === undefined) return;
      if (command.type === 'pause') pipe.pause();
      else if (command.type === 'resume') pipe.resume();
      else pipe.destroy();
      return;
    }
    const { id } = command;
    let child: ReturnType<typeof spawn>;
    try {
      // detached on POSIX = setsid(): the service leads its own process group (signal-group.ts).
      child = spawn(command.file, command.args, { cwd: command.cwd, env: command.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      // Invalid arguments (a NUL byte in argv or env) throw synchronously instead of emitting 'error'.
      const failure = error as NodeJS.ErrnoException;
      post({ type: 'spawn-error', id, code: failure.code, message: failure.message });
      return;
    }
    const { pid, stdout, stderr } = child;
    // Node sets `pid` only when the OS started the process; otherwise 'error' follows (ENOENT…).
    if (pid === undefined || stdout === null || stderr === null) {
      child.once('error', (error: NodeJS.ErrnoException) => post({ type: 'spawn-error', id, code: error.code, message: error.message }));
      return;
    }
    post({ type: 'spawned', id, pid });
    relay(id, 1, stdout);
    relay(id, 2, stderr);
    // The leader's 'exit', not the end of the pipes: a grandchild holding stdout open must not
    // make a dead service look alive.
    child.once('exit', (code, signal) => post({ type: 'exit', id, code, signal }));
    child.once('error', (error) => post({ type: 'exit', id, code: null, signal: null, error: error.message }));
  });
}
