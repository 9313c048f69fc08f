import { describe, expect, it } from 'vitest';
import { SERVICE_STATES, type OverallState, type ServiceState, type StatusResponse, type UpdatesResponse } from '../../../supervisor/src/control/contract.ts';
import { trayIconFor } from './icons.ts';
import { toMenuTemplate } from './menu-template.ts';
import { buildTrayMenuModel, trayIconStateOf, type TrayAction, type TrayMenuItem } from './model.ts';

const service = (name: string, state: ServiceState, extra: Partial<StatusResponse['services'][number]> = {}): StatusResponse['services'][number] => ({
  name, kind: 'service', state, pid: state === 'ready' ? 100 : null, ports: {}, restarts: 0, lastExit: null, startedAt: null, readyAt: null,
  uptimeMs: null, reason: null, blockedBy: null, waitingOn: [], missingSecrets: [], lastLines: [], dependsOn: {}, runId: null, ...extra,
});
const statusWith = (state: OverallState, services: StatusResponse['services'], uiUrl: string | null = 'http://127.0.0.1:47800/'): StatusResponse => ({
  supervisor: { pid: 1, version: '1', profile: 'desktop', startedAt: '', state, stateDir: '/s', logsDir: '/s/logs' },
  app: { id: 'dev.berth.notes', name: 'Notes', version: '1.0.0' },
  uiUrl,
  services,
});
const labels = (items: readonly TrayMenuItem[]) => items.map((item) => (item.type === 'separator' ? '---' : item.label));

describe('buildTrayMenuModel', () => {
  it.each([
    ['starting', 'starting'],
    ['ready', 'ready'],
    ['degraded', 'degraded'],
    ['failed', 'failed'],
    ['stopping', 'starting'],
    ['stopped', 'degraded'],
  ] as const)('overall %s → %s icon and tooltip', (overall, icon) => {
    const model = buildTrayMenuModel({ appName: 'Notes', status: statusWith(overall, [service('api', 'ready')]) });
    expect(model.icon).toBe(icon);
    expect(trayIconStateOf(overall)).toBe(icon);
    expect(model.tooltip).toBe(`Notes — ${overall}`);
  });

  it('lists Open, Dashboard, one submenu per service, logs, updates, Quit', () => {
    const model = buildTrayMenuModel({
      appName: 'Notes',
      status: statusWith('degraded', [service('db', 'ready'), service('api', 'backoff', { reason: 'exited with code 1' }), { ...service('migrate', 'completed'), kind: 'task' }]),
    });
    expect(labels(model.items)).toEqual([
      'Open Notes', 'Dashboard', '---', 'Status: degraded', 'db — ready', 'api — backoff', 'migrate — completed', '---', 'Open logs folder', 'Save diagnostic report…', 'Check for updates…', '---', 'Quit',
    ]);
    const api = model.items.find((item) => item.type === 'submenu' && item.label.startsWith('api'));
    expect(api?.type === 'submenu' && labels(api.items)).toEqual(['State: backoff (exited with code 1)', 'Restart']);
    const db = model.items.find((item) => item.type === 'submenu' && item.label.startsWith('db'));
    expect(db?.type === 'submenu' && db.items).toContainEqual({ type: 'action', label: 'Restart', action: { kind: 'restart-service', service: 'db' }, enabled: true });
    const migrate = model.items.find((item) => item.type === 'submenu' && item.label.startsWith('migrate'));
    expect(migrate?.type === 'submenu' && migrate.items.at(-1)).toMatchObject({ label: 'Restart', enabled: false });
  });

  it('shows every service state without throwing', () => {
    const model = buildTrayMenuModel({ appName: 'A', status: statusWith('starting', SERVICE_STATES.map((state) => service(state, state))) });
    expect(model.items.filter((item) => item.type === 'submenu')).toHaveLength(SERVICE_STATES.length);
  });

  it('disables Open until the ui has a URL, and says Starting… without a supervisor', () => {
    const model = buildTrayMenuModel({ appName: 'Notes', status: null });
    expect(model.icon).toBe('starting');
    expect(model.items[0]).toMatchObject({ label: 'Open Notes', enabled: false });
    expect(labels(model.items)).toContain('Starting…');
    expect(buildTrayMenuModel({ appName: 'Notes', status: statusWith('starting', [], null) }).items[0]).toMatchObject({ enabled: false });
  });

  it('offers "Start at login" as a checkbox where the app can start itself, its click flipping it', () => {
    const status = statusWith('ready', [service('api', 'ready')]);
    expect(labels(buildTrayMenuModel({ appName: 'Notes', status, startAtLogin: null }).items)).not.toContain('Start at login');
    const off = buildTrayMenuModel({ appName: 'Notes', status, startAtLogin: false });
    expect(labels(off.items).slice(-4)).toEqual(['Check for updates…', 'Start at login', '---', 'Quit']);
    expect(off.items.find((item) => item.type === 'checkbox')).toEqual({ type: 'checkbox', label: 'Start at login', checked: false, action: { kind: 'set-start-at-login', enabled: true } });
    const on = buildTrayMenuModel({ appName: 'Notes', status: null, startAtLogin: true });
    expect(on.items.find((item) => item.type === 'checkbox')).toMatchObject({ checked: true, action: { kind: 'set-start-at-login', enabled: false } });
    const actions: TrayAction[] = [];
    const item = toMenuTemplate(on.items, (a) => actions.push(a)).find((entry) => entry.label === 'Start at login');
    expect(item).toMatchObject({ type: 'checkbox', checked: true });
    item?.click?.({} as never, undefined, {} as never);
    expect(actions).toEqual([{ kind: 'set-start-at-login', enabled: false }]);
  });

  it('shows the bundle hand-off and offers the downloaded version and the feed check', () => {
    const updates: UpdatesResponse = { state: 'idle', target: null, reason: null, backup: null, running: '1.0.0', current: '1.0.0', previous: null, knownGood: '1.0.0', versions: [], available: '2.0.0', feed: true, checkedAt: null, lastError: null };
    const idle = buildTrayMenuModel({ appName: 'Notes', status: statusWith('ready', [service('api', 'ready')]), updates });
    const apply = idle.items.find((item) => item.type === 'action' && item.label === 'Apply update to 2.0.0');
    expect(apply).toMatchObject({ enabled: true, action: { kind: 'apply-bundle-update', version: '2.0.0' } });
    expect(labels(idle.items)).toContain('Check for service updates…');
    const applying = buildTrayMenuModel({ appName: 'Notes', status: { ...statusWith('starting', []), handoff: { state: 'applying', target: '2.0.0', reason: null } }, updates });
    expect(labels(applying.items)).toContain('Updating to 2.0.0…');
    expect(applying.items.find((item) => item.type === 'action' && item.label === 'Apply update to 2.0.0')).toMatchObject({ enabled: false });
    const failed = buildTrayMenuModel({ appName: 'Notes', status: { ...statusWith('ready', []), handoff: { state: 'failed', target: '2.0.0', reason: 'api never ready' } }, updates: { ...updates, available: null, feed: false } });
    expect(labels(failed.items)).toContain('Update to 2.0.0 failed; rolled back');
    expect(labels(failed.items).filter((label) => label.startsWith('Apply') || label.startsWith('Check for service'))).toEqual([]);
  });

  it('shows a fatal problem with the failed icon', () => {
    const model = buildTrayMenuModel({ appName: 'Notes', status: null, problem: 'The supervisor stopped 6 times' });
    expect(model.icon).toBe('failed');
    expect(labels(model.items)).toContain('The supervisor stopped 6 times');
    expect(labels(model.items).at(-1)).toBe('Quit');
  });
});

describe('tray icons and menu template', () => {
  it('uses template images on macOS only', () => {
    expect(trayIconFor('ready', 'darwin', '/i')).toEqual({ file: '/i/tray-readyTemplate.png', template: true });
    expect(trayIconFor('failed', 'win32', '/i')).toEqual({ file: '/i/tray-failed.png', template: false });
    expect(trayIconFor('degraded', 'linux', '/i')).toEqual({ file: '/i/tray-degraded.png', template: false });
  });

  it('routes clicks to actions', () => {
    const actions: TrayAction[] = [];
    const template = toMenuTemplate(buildTrayMenuModel({ appName: 'N', status: statusWith('ready', [service('api', 'ready')]) }).items, (a) => actions.push(a));
    const submenu = template.find((item) => item.label === 'api — ready')?.submenu;
    const restart = Array.isArray(submenu) ? submenu.find((item) => item.label === 'Restart') : undefined;
    restart?.click?.({} as never, undefined, {} as never);
    template.find((item) => item.label === 'Quit')?.click?.({} as never, undefined, {} as never);
    expect(actions).toEqual([{ kind: 'restart-service', service: 'api' }, { kind: 'quit' }]);
    expect(template.find((item) => item.label === 'Status: ready')).toEqual({ label: 'Status: ready', enabled: false });
  });
});
