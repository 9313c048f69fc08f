// Spawns take turns with everything else on the event loop. A spawn is synchronous work on the
// loop thread (fork/exec of a ~90 MB process: 5–50 ms under load), and a dependency level starts
// all its services at once: back to back, 50 spawns blocked probes, timers and the control API
// for seconds. One spawn per loop turn lets readiness probes and requests run in between.

let tail: Promise<void> = Promise.resolve();

/** Resolves when it is this caller's turn to spawn (one per turn of the event loop, in order). */
export function nextSpawnTurn(): Promise<void> {
  const turn = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  tail = turn;
  return turn;
}
