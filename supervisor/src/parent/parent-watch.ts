// The desktop profile's lifeline (DESIGN §2, §9): the supervisor must not outlive the app that
// spawned it. The parent is gone when stdin ends or closes (the parent's end of the pipe died),
// when the parent pid no longer exists, or when this process was re-parented (ppid changed, e.g.
// to 1 or a subreaper). Polled every second, as VS Code's utility processes do; reported once.
import { pidExists } from '../process/process-alive.ts';

/** What to watch and whom to tell. */
export interface ParentWatchOptions {
  /** The parent to poll with kill(pid, 0); ESRCH = gone. */
  parentPid?: number;
  /** A stream whose end/close means the parent is gone (the supervisor's stdin); it is resumed. */
  stdin?: NodeJS.ReadableStream;
  /** Poll interval (default 1000 ms). */
  intervalMs?: number;
  /** Called once, with a human-readable reason. */
  onParentGone: (why: string) => void;
  /** Reads the current parent pid (default: process.ppid, a live getter). */
  readPpid?: () => number;
}

/** Starts watching; returns a function that stops watching (timers and listeners removed). */
export function watchParent(options: ParentWatchOptions): () => void {
  const readPpid = options.readPpid ?? (() => process.ppid);
  const initialPpid = readPpid();
  let done = false;
  const cleanups: (() => void)[] = [];
  const stop = () => {
    done = true;
    for (const cleanup of cleanups.splice(0)) cleanup();
  };
  const gone = (why: string) => {
    if (done) return;
    stop();
    options.onParentGone(why);
  };

  const stdin = options.stdin;
  if (stdin) {
    const onEnd = () => gone('stdin ended (the parent closed its end of the pipe)');
    const onClose = () => gone('stdin closed');
    const onError = (error: Error) => gone(`stdin failed: ${error.message}`);
    stdin.on('end', onEnd);
    stdin.on('close', onClose);
    stdin.on('error', onError);
    stdin.resume();
    cleanups.push(() => {
      stdin.off('end', onEnd);
      stdin.off('close', onClose);
      stdin.off('error', onError);
    });
  }

  const check = () => {
    if (options.parentPid !== undefined && !pidExists(options.parentPid)) return gone(`parent pid ${options.parentPid} is gone`);
    const ppid = readPpid();
    if (ppid !== initialPpid) gone(`re-parented: parent pid changed from ${initialPpid} to ${ppid}`);
  };
  const timer = setInterval(check, options.intervalMs ?? 1000);
  timer.unref();
  cleanups.push(() => clearInterval(timer));
  return stop;
}

