import { describe, expect, it } from 'vitest';
import { pickExportPorts } from './pick-ports.ts';
import { manifestOf } from './test-bundles.ts';

const command = ['x'];

describe('pickExportPorts', () => {
  it.each([
    ['a fixed port keeps its number', { a: { command, ports: { http: { fixed: 8080 } } } }, { a: { http: 8080 } }],
    ['a port takes the lowest number of the bundle range', { a: { command, ports: { http: {} } } }, { a: { http: 47000 } }],
    ['its own range wins over the bundle range', { a: { command, ports: { http: { range: [5000, 5009] } } } }, { a: { http: 5000 } }],
    ['services go by name, then ports by name', { b: { command, ports: { y: {}, x: {} } }, a: { command, ports: { z: {} } } }, { a: { z: 47000 }, b: { x: 47001, y: 47002 } }],
    ['numbers fixed anywhere are skipped', { a: { command, ports: { http: {} } }, b: { command, ports: { http: { fixed: 47000 } } } }, { a: { http: 47001 }, b: { http: 47000 } }],
  ] as const)('%s', (_label, services, expected) => {
    expect(pickExportPorts(manifestOf(services))).toEqual({ ports: expected, problems: [] });
  });

  it('names each port whose range has no number left', () => {
    const manifest = manifestOf({ a: { command, ports: { one: { range: [6000, 6001] }, two: { range: [6000, 6001] }, three: { range: [6000, 6001] } } } });
    expect(pickExportPorts(manifest).problems).toEqual([{ path: 'services.a.ports.two', message: 'no number left in [6000, 6001] once the other ports have theirs: widen the range' }]);
  });

  it('gives the same numbers whatever order the bundle lists things in', () => {
    const forward = manifestOf({ a: { command, ports: { p: {}, q: {} } }, b: { command, ports: { p: {} } } });
    const backward = manifestOf({ b: { command, ports: { p: {} } }, a: { command, ports: { q: {}, p: {} } } });
    expect(pickExportPorts(backward)).toEqual(pickExportPorts(forward));
  });
});
