// The real probes: attempts over sockets (and execa for exec), start-up polling on the shared ticker.
import { probeAttempt } from './probe-monitor.ts';
import { waitUntilReady } from './wait-ready.ts';

/** What the runtime's Probes seam gets on a real machine. */
export const systemProbes = { attempt: probeAttempt, waitReady: waitUntilReady };
