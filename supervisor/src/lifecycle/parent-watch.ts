// Parent death (DESIGN §9): the desktop shell (or whoever asked with --exit-with-parent) is gone
// when our stdin closes or its pid disappears (polled every second, as VS Code does).

/** Options of watchParent. */
export interface ParentWatchOptions {
  parentPid?: number;
  stdin?: NodeJS.ReadableStream;
  intervalMs?: number;
  onParentGone: (why: string) => void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Starts watching; calls onParentGone once; returns the function that stops watching. */
export function watchParent(options: ParentWatchOptions): () => void {
  let fired = false;
  const fire = (why: string) => {
    if (fired) return;
    fired = true;
    dispose();
    options.onParentGone(why);
  };
  const onEnd = () => fire('stdin closed');
  options.stdin?.on('end', onEnd);
  options.stdin?.on('close', onEnd);
  options.stdin?.resume();
  const timer = setInterval(() => {
    const pid = options.parentPid;
    if (pid !== undefined && (!alive(pid) || process.ppid !== pid)) fire(`parent pid ${pid} is gone`);
  }, options.intervalMs ?? 1000);
  timer.unref();
  function dispose() {
    clearInterval(timer);
    options.stdin?.off('end', onEnd);
    options.stdin?.off('close', onEnd);
  }
  return dispose;
}
