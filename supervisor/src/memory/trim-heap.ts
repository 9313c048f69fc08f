// Gives back the memory start-up left behind. A start-up allocates in a burst (the manifest, every
// service's objects, the first probes), and V8 grows its young generation to match: 16 MB on a
// 10-service bundle, resident though empty once start-up is over, and never shrunk by the
// ordinary collections of an idle supervisor. One last-resort collection (what V8 runs on a
// low-memory notification) shrinks it back: ≈ 18 ms once, after start-up has settled, for
// ≈ 18 MB less private memory (bench/RESULTS.md, idle memory). Node has no API for a memory-
// pressure notification, so the collection goes through V8's gc extension, exposed at runtime
// in a context of its own (nothing else can reach it); where that is refused it does nothing.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcFunction = (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;

let gc: GcFunction | null | undefined;

function gcFunction(): GcFunction | null {
  if (gc !== undefined) return gc;
  try {
    setFlagsFromString('--expose-gc');
    const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
    gc = typeof found === 'function' ? (found as GcFunction) : null;
  } catch {
    gc = null;
  }
  return gc;
}

/** Runs one memory-reducing collection now; false where the runtime does not allow it. */
export function trimHeap(): boolean {
  const collect = gcFunction();
  if (collect === null) return false;
  collect({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return true;
}

/** After this long without a new call, trims once (a timer that never holds the process open). */
export function trimHeapWhenSettled(delayMs: number): () => void {
  const timer = setTimeout(() => void trimHeap(), delayMs).unref();
  return () => clearTimeout(timer);
}
