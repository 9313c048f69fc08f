import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import getPort, { portNumbers } from 'get-port';
import { BundleManifest } from '../manifest/schema.ts';
import { allocatePorts } from './allocate-ports.ts';
import { findPortHolder } from './port-holder.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});
function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      servers.push(server);
      resolve(server);
    });
  });
}
const manifest = (services: object, range: [number, number]) =>
  BundleManifest.parse({ schemaVersion: 1, app: { id: 'dev.berth.t', name: 't', version: '1.0.0' }, ports: { range }, services });

describe('allocatePorts', () => {
  it('falls through busy ports of a range and never gives one port twice', async () => {
    const low = await getPort({ port: portNumbers(41_000, 41_900) });
    await listen(low);
    const map = await allocatePorts(manifest({ a: { command: ['x'], ports: { http: {}, admin: {} } }, b: { command: ['x'], ports: { http: {} } } }, [low, low + 20]));
    const all = [map.a?.http, map.a?.admin, map.b?.http];
    expect(all).not.toContain(low);
    expect(new Set(all).size).toBe(3);
    for (const port of all) expect(port).toBeGreaterThan(low);
  });

  it('names the holder of a busy fixed port', async () => {
    const port = await getPort();
    await listen(port);
    const holder = await findPortHolder(port);
    expect(holder?.pid).toBe(process.pid);
    await expect(allocatePorts(manifest({ ui: { command: ['x'], ports: { http: { fixed: port } } } }, [42_000, 42_100]))).rejects.toThrow(
      new RegExp(`services\\.ui\\.ports\\.http: fixed port ${port} is in use by pid ${process.pid}`),
    );
  });

  it('checks many fixed ports at once: all granted when free, the first busy one in bundle order reported', async () => {
    // Below the ephemeral range (32768–60999 here): no client socket of a parallel test can hold one of these 70 ports.
    const first = await getPort({ port: portNumbers(10_000, 10_900) });
    // get-port holds a port it returned for a while, so each allocation gets its own ports.
    const fixedServices = (base: number) => Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`s${String(index).padStart(2, '0')}`, { command: ['x'], ports: { http: { fixed: base + index } } }]));
    const map = await allocatePorts(manifest(fixedServices(first + 30), [45_000, 45_100]));
    expect(Object.values(map).map((ports) => ports.http)).toEqual(Array.from({ length: 20 }, (_, index) => first + 30 + index));
    await listen(first + 69);
    await listen(first + 63);
    await expect(allocatePorts(manifest(fixedServices(first + 60), [45_000, 45_100]))).rejects.toThrow(new RegExp(`^services\\.s03\\.ports\\.http: fixed port ${first + 63} is in use`));
  });

  it('reports an exhausted range', async () => {
    const port = await getPort({ port: portNumbers(43_000, 43_900) });
    await listen(port);
    await expect(allocatePorts(manifest({ a: { command: ['x'], ports: { http: {} } } }, [port, port]))).rejects.toThrow(/no free port/);
  });
});

describe('rotatedRange', () => {
  it('visits every port of the range once, starting at a random offset', async () => {
    const { rotatedRange } = await import('./allocate-ports.ts');
    expect(rotatedRange(10, 14, () => 0)).toEqual([10, 11, 12, 13, 14]);
    expect(rotatedRange(10, 14, () => 0.5)).toEqual([12, 13, 14, 10, 11]);
    expect(rotatedRange(10, 14, () => 0.99)).toEqual([14, 10, 11, 12, 13]);
  });
});
