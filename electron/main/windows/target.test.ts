import { describe, expect, it } from 'vitest';
import type { ServiceState, StatusResponse } from '../../../supervisor/src/control/contract.ts';
import { secureWebPreferences } from './main-window.ts';
import { decideWindowTarget } from './target.ts';

const status = (uiUrl: string | null, uiState: ServiceState, overall: StatusResponse['supervisor']['state'] = 'starting') =>
  ({ supervisor: { state: overall }, uiUrl, services: [{ name: 'ui', state: uiState }] }) as unknown as StatusResponse;

describe('decideWindowTarget', () => {
  it.each([
    [null, 'dashboard'],
    [status(null, 'ready'), 'dashboard'],
    [status('http://127.0.0.1:47800/', 'starting'), 'dashboard'],
    [status('http://127.0.0.1:47800/', 'ready'), 'ui'],
    [status('http://127.0.0.1:47800/', 'running'), 'ui'],
  ])('%j → %s', (input, kind) => {
    expect(decideWindowTarget(input, 'ui').kind).toBe(kind);
  });

  it('falls back to the overall state when the bundle names no ui service', () => {
    expect(decideWindowTarget(status('http://127.0.0.1:1/', 'starting', 'ready'), null)).toEqual({ kind: 'ui', url: 'http://127.0.0.1:1/' });
  });
});

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and keeps Node out of every page', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({ preload: '/p.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
  });
});
