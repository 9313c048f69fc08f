// Allocates every named port of every service before anything starts (DESIGN §4): fixed ports
// exactly (busy = error naming the holder), others from their range (else the bundle's), falling
// through busy ones. Ports already given out are excluded, so two services never share one.
import getPort from 'get-port';
import { createServer } from 'node:net';
import { BerthError } from '../errors.ts';
import type { BundleManifest } from '../manifest/schema.ts';
import { findPortHolder } from './port-holder.ts';

/** service → port name → port number. */
export type PortMap = Record<string, Record<string, number>>;

/**
 * Checks that `port` can be bound on loopback right now: a listen and a close. Not get-port, which
 * dumps every network interface over netlink (os.networkInterfaces) at each call, even with a
 * host given — for a bundle of 200 fixed ports, 200 dumps and ≈ 10 ms of the start.
 */
function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws PORT_IN_USE for a busy fixed port, naming who holds it when the OS lets us see. */
async function assertFixedFree(port: number, where: string): Promise<void> {
  if (await isFree(port)) return;
  const holder = await findPortHolder(port);
  const who = holder === undefined ? 'another process' : `pid ${holder.pid} (${holder.command})`;
  throw new BerthError('PORT_IN_USE', `${where}: fixed port ${port} is in use by ${who}`);
}

/**
 * The range's ports starting at a random offset (wrapping around): two supervisors starting at
 * once (tests, two apps) then rarely race for the same free port between allocation and bind.
 */
export function rotatedRange(low: number, high: number, random: () => number = Math.random): number[] {
  const size = high - low + 1;
  const offset = Math.floor(random() * size);
  return Array.from({ length: size }, (_, index) => low + ((offset + index) % size));
}

/** One port from `[low, high]` not in `taken`, or PORT_RANGE_EXHAUSTED. */
export async function allocateFromRange(range: readonly [number, number], taken: ReadonlySet<number>, where: string): Promise<number> {
  const [low, high] = range;
  // get-port falls back to a random port when the whole range is busy: check we stayed inside.
  const port = await getPort({ port: rotatedRange(low, high), exclude: [...taken], host: '127.0.0.1' });
  if (port < low || port > high || taken.has(port)) {
    throw new BerthError('PORT_RANGE_EXHAUSTED', `${where}: no free port in ${low}-${high}`);
  }
  return port;
}

/** Allocates all ports of the bundle; fixed first so a range never takes a fixed port. */
export async function allocatePorts(manifest: BundleManifest, reserved: ReadonlySet<number> = new Set()): Promise<PortMap> {
  const taken = new Set<number>(reserved);
  const map: PortMap = {};
  const entries = Object.entries(manifest.services).flatMap(([service, spec]) =>
    Object.entries(spec.ports).map(([name, port]) => ({ service, name, port })),
  );
  const fixed = entries.flatMap(({ service, name, port }) => (port.fixed === undefined ? [] : [{ service, name, fixed: port.fixed }]));
  // Checked all at once (the manifest forbids a fixed port twice): one after another cost a
  // bind/close round trip each, ≈ 20 ms at 200 services. The first busy one in bundle order is reported.
  const checks = await Promise.allSettled(fixed.map(({ service, name, fixed: port }) => assertFixedFree(port, `services.${service}.ports.${name}`)));
  const busy = checks.find((check) => check.status === 'rejected');
  if (busy !== undefined) throw busy.reason;
  for (const { service, name, fixed: port } of fixed) {
    taken.add(port);
    (map[service] ??= {})[name] = port;
  }
  for (const { service, name, port } of entries) {
    if (port.fixed !== undefined) continue;
    const allocated = await allocateFromRange(port.range ?? manifest.ports.range, taken, `services.${service}.ports.${name}`);
    taken.add(allocated);
    (map[service] ??= {})[name] = allocated;
  }
  return map;
}

/** Moves a service's range-allocated ports to fresh ones (after a bind failure); false when it has none. */
export async function reallocateServicePorts(manifest: BundleManifest, map: PortMap, service: string): Promise<boolean> {
  const spec = manifest.services[service];
  const current = map[service];
  if (spec === undefined || current === undefined) return false;
  const taken = new Set(Object.values(map).flatMap((named) => Object.values(named)));
  let moved = false;
  for (const [name, port] of Object.entries(spec.ports)) {
    if (port.fixed !== undefined) continue;
    current[name] = await allocateFromRange(port.range ?? manifest.ports.range, taken, `services.${service}.ports.${name}`);
    taken.add(current[name]);
    moved = true;
  }
  return moved;
}
