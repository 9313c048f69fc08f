// Bursts of service processes are spawned on a thread of their own (POSIX; when: spawn-process.ts).
// A spawn is synchronous on the thread that makes it: libuv forks the supervisor (copying the
// page tables of its ~100 MB) and waits until the child has exec'd, 2–7 ms per spawn, longer
// under load. On the supervisor's loop that was 40 % of its time while 200 services started,
// blocking probes, run records and the control API; on this thread the loop goes on while the
// next child is forked.
//
// The thread owns the children and their pipes; this end gives each one the SpawnedProcess shape
// the supervisor uses everywhere (pid, Readable stdout/stderr, exit), relaying chunks without a
// copy (their buffers are transferred) and pipe back-pressure both ways (pause/resume). Signals
// need no relay: process groups are signalled by pid from any thread (signal-group.ts).
import { Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import type { ProcessExit } from './exit-info.ts';
import { spawnFailed, type SpawnedProcess, type SpawnRequest } from './spawned-process.ts';
import { spawnerThreadBody, type SpawnerCommand, type SpawnerEvent } from './spawner-thread-body.ts';

type Fd = 1 | 2;

/** One relayed pipe: a Readable here, fed by the thread's 'data' messages. */
class RelayedPipe {
  readonly stream: Readable;
  private paused = false;
  private readonly send: (command: SpawnerCommand) => void;
  private readonly id: number;
  private readonly fd: Fd;

  constructor(send: (command: SpawnerCommand) => void, id: number, fd: Fd) {
    this.send = send;
    this.id = id;
    this.fd = fd;
    this.stream = new Readable({
      // Called when the consumer wants more: the thread may read the pipe again.
      read: () => {
        if (!this.paused) return;
        this.paused = false;
        send({ type: 'resume', id, fd });
      },
      destroy: (error, callback) => {
        send({ type: 'destroy', id, fd });
        callback(error);
      },
    });
  }

  push(bytes: ArrayBuffer): void {
    if (this.stream.destroyed) return;
    // Over the high-water mark: the thread stops reading, so the child blocks on its pipe.
    if (!this.stream.push(Buffer.from(bytes)) && !this.paused) {
      this.paused = true;
      this.send({ type: 'pause', id: this.id, fd: this.fd });
    }
  }

  end(): void {
    if (!this.stream.destroyed && !this.stream.readableEnded) this.stream.push(null);
  }
}

/** How a spawn request ended: a pid, or the OS error. */
type StartOutcome = { readonly pid: number } | { readonly code: string | undefined; readonly message: string };

/** A child the thread started or is starting. */
interface Child {
  readonly pipes: Record<Fd, RelayedPipe>;
  readonly resolveExit: (exit: ProcessExit) => void;
  /** Settles the spawn request; null once settled. */
  started: ((outcome: StartOutcome) => void) | null;
  exitSeen: boolean;
  /** Relayed pipes that have closed (both: nothing more will come for this child). */
  ends: number;
}

/** The supervisor's end of the spawner thread; the thread starts with the first spawn. */
export class SpawnerThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly children = new Map<number, Child>();
  private readonly send = (command: SpawnerCommand) => this.worker?.postMessage(command);

  /** Spawns on the thread; resolves once the OS confirms the start (else SPAWN_FAILED). */
  async spawn(request: SpawnRequest): Promise<SpawnedProcess> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const exit = Promise.withResolvers<ProcessExit>();
    const start = Promise.withResolvers<StartOutcome>();
    const child: Child = { pipes: { 1: new RelayedPipe(this.send, id, 1), 2: new RelayedPipe(this.send, id, 2) }, resolveExit: exit.resolve, started: start.resolve, exitSeen: false, ends: 0 };
    this.children.set(id, child);
    this.updateRef();
    worker.postMessage({ type: 'spawn', id, file: request.file, args: request.args, env: request.env, cwd: request.cwd } satisfies SpawnerCommand);
    const outcome = await start.promise;
    if (!('pid' in outcome)) {
      this.forget(id);
      throw spawnFailed(request, outcome);
    }
    return { pid: outcome.pid, pgid: outcome.pid, stdout: child.pipes[1].stream, stderr: child.pipes[2].stream, exited: exit.promise };
  }

  /** Children the thread is relaying (started or starting, output not yet closed or exit not yet seen). */
  get size(): number {
    return this.children.size;
  }

  /** Stops the thread; the children it relays lose their pipes and are reported as ended. */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker !== null) return this.worker;
    // node:worker_threads is loaded with the first thread, not at every supervisor start (~1–3 ms).
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    const worker = new Worker(`(${spawnerThreadBody.toString()})()`, { eval: true, name: 'berth-spawner' });
    worker.on('message', (event: SpawnerEvent) => this.onEvent(event));
    // The thread failing (it should not) ends every child it relayed: their pipes closed with it.
    const stopped = (why: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const [id, child] of this.children) this.fail(id, child, `the spawner thread stopped: ${why}`);
    };
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private onEvent(event: SpawnerEvent): void {
    const child = this.children.get(event.id);
    if (child === undefined) return;
    switch (event.type) {
      case 'spawned':
        child.started?.({ pid: event.pid });
        child.started = null;
        return;
      case 'spawn-error':
        child.started?.({ code: event.code, message: event.message });
        child.started = null;
        return;
      case 'data':
        child.pipes[event.fd].push(event.bytes);
        return;
      case 'end':
        child.pipes[event.fd].end();
        child.ends += 1;
        break;
      case 'exit':
        child.resolveExit(event.error === undefined ? { code: event.code, signal: event.signal } : { code: null, signal: null, error: event.error });
        child.exitSeen = true;
        break;
    }
    if (child.exitSeen && child.ends === 2) this.forget(event.id);
  }

  private fail(id: number, child: Child, message: string): void {
    if (child.started !== null) {
      child.started({ code: undefined, message });
      child.started = null;
    }
    child.pipes[1].end();
    child.pipes[2].end();
    child.resolveExit({ code: null, signal: null, error: message });
    this.forget(id);
  }

  private forget(id: number): void {
    this.children.delete(id);
    this.updateRef();
  }

  /** The thread keeps the process alive only while it has children to relay. */
  private updateRef(): void {
    if (this.children.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }
}
