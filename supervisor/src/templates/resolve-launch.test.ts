import { describe, expect, it } from 'vitest';
import { ServiceSpec } from '../manifest/schema.ts';
import { launchUsesPortsOf } from './resolve-launch.ts';

const spec = (fields: object) => ServiceSpec.parse({ command: ['x'], ...fields });

describe('launchUsesPortsOf', () => {
  it('finds a port of the service in the command, env, cwd or a platform override', () => {
    expect(launchUsesPortsOf(spec({ command: ['x', '--api=http://127.0.0.1:${ports.api.http}'] }), 'api')).toBe(true);
    expect(launchUsesPortsOf(spec({ env: { API: '${ports.api.http}' } }), 'api')).toBe(true);
    expect(launchUsesPortsOf(spec({ cwd: '${dataDir}/${ports.api.http}' }), 'api')).toBe(true);
    expect(launchUsesPortsOf(spec({ platforms: { win32: { env: { API: '${ports.api.admin}' } } } }), 'api')).toBe(true);
  });

  it('is false for other services, variables and look-alike text', () => {
    expect(launchUsesPortsOf(spec({ env: { DB: '${ports.db.http}', DIR: '${dataDir}' } }), 'api')).toBe(false);
    expect(launchUsesPortsOf(spec({ command: ['echo', 'ports.api.http'] }), 'api')).toBe(false);
    expect(launchUsesPortsOf(spec({ env: { A: '${ports.apiv2.http}' } }), 'api')).toBe(false);
  });
});
