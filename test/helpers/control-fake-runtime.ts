// An in-memory ControlledRuntime for the control server's tests: two services, an EventBus, and
// a log of every mutating call so tests can assert that refused requests changed nothing.
import type { ControlledRuntime } from '../../supervisor/src/control/controlled-runtime.ts';
import type { LogLine, ServiceAction, ServiceStatus, StatusResponse, UpdatesResponse } from '../../supervisor/src/control/contract.ts';
import { BerthError } from '../../supervisor/src/errors.ts';
import { EventBus } from '../../supervisor/src/events/index.ts';
import { MetricsRecorder } from '../../supervisor/src/metrics/index.ts';
import { startControlServer, type ControlServer, type ControlServerOptions } from '../../supervisor/src/control/index.ts';
import { silentLogger } from '../../supervisor/src/logging/logger.ts';
import { afterAll, beforeAll } from 'vitest';

/** A service status with defaults. */
export function fakeService(name: string, fields: Partial<ServiceStatus> = {}): ServiceStatus {
  return {
    name, kind: 'service', state: 'ready', pid: 1000, ports: { http: { port: 47100, protocol: 'http' } }, restarts: 0, lastExit: null,
    startedAt: '2026-01-01T00:00:00.000Z', readyAt: '2026-01-01T00:00:01.000Z', uptimeMs: 5000, reason: null, blockedBy: null, waitingOn: [],
    missingSecrets: [], lastLines: [], dependsOn: {}, runId: 'run-1', ...fields,
  };
}

/** The fake plus what was done to it. */
export interface FakeRuntime extends ControlledRuntime {
  readonly calls: string[];
  readonly services: Map<string, ServiceStatus>;
  readonly secrets: Map<string, string>;
}

/** Builds a fake runtime with services `api` (ready) and `db` (stopped). */
export function createFakeRuntime(options: { bufferSize?: number; prompts?: string[] } = {}): FakeRuntime {
  const calls: string[] = [];
  const services = new Map<string, ServiceStatus>([
    ['api', fakeService('api')],
    ['db', fakeService('db', { state: 'stopped', pid: null, uptimeMs: null })],
  ]);
  const secrets = new Map<string, string>();
  const prompts = new Set(options.prompts ?? ['API_KEY']);
  const events = new EventBus({ bufferSize: options.bufferSize ?? 100 });
  const logs: LogLine[] = [1, 2, 3].map((n) => ({ service: 'api', stream: 'stdout', line: `line ${n}`, at: '2026-01-01T00:00:00.000Z' }));
  // The real recorder and prom-client, over these services.
  const metrics = new MetricsRecorder({ services: () => [...services.values()], startedAtMs: Date.parse('2026-01-01T00:00:00.000Z') });
  const known = (name: string) => {
    const service = services.get(name);
    if (service === undefined) throw new BerthError('SERVICE_UNKNOWN', `Unknown service "${name}".`);
    return service;
  };
  return {
    calls, services, secrets, events,
    health: () => ({ ok: true, pid: process.pid, version: 'test', uptimeMs: 1 }),
    status: (): StatusResponse => ({
      supervisor: { pid: process.pid, version: 'test', profile: 'headless', startedAt: '2026-01-01T00:00:00.000Z', state: 'ready', stateDir: '/tmp/x', logsDir: '/tmp/x/logs' },
      app: { id: 'dev.berth.test', name: 'Test', version: '1.0.0' },
      uiUrl: null,
      services: [...services.values()],
    }),
    readiness: () => {
      const notReady = [...services.values()].filter((s) => !['ready', 'running', 'completed'].includes(s.state)).map((s) => ({ name: s.name, state: s.state }));
      return { ready: notReady.length === 0, notReady };
    },
    ports: () => Object.fromEntries([...services.values()].map((s) => [s.name, Object.fromEntries(Object.entries(s.ports).map(([k, v]) => [k, v.port]))])),
    tailLogs: (service, lines) => {
      if (service !== null) known(service);
      return logs.filter((line) => service === null || line.service === service).slice(-lines);
    },
    runs: async (service) => {
      known(service);
      return [];
    },
    serviceAction: async (name: string, action: ServiceAction) => {
      const service = known(name);
      if (action === 'stop' && service.state === 'stopped') throw new BerthError('TRANSITION_INVALID', `Service "${name}" is already stopped.`);
      calls.push(`${action}:${name}`);
      const next = { ...service, state: action === 'stop' ? ('stopped' as const) : ('starting' as const) };
      services.set(name, next);
      return next;
    },
    submitSecrets: async (values) => {
      for (const name of Object.keys(values)) {
        if (!prompts.has(name)) throw new BerthError('SECRET_INVALID', `Secret "${name}" is not a prompt secret.`);
      }
      calls.push(`secrets:${Object.keys(values).join(',')}`);
      for (const [name, value] of Object.entries(values)) secrets.set(name, value);
      return Object.keys(values).sort();
    },
    validate: async () => ({ ok: true, problems: [] }),
    requestShutdown: () => {
      calls.push('shutdown');
    },
    updates: async () => updates(),
    checkUpdates: async () => {
      calls.push('updates:check');
      return updates();
    },
    applyUpdate: async (version) => {
      calls.push(`updates:apply:${version}`);
      return { ...updates(), state: 'deferred', target: version };
    },
    metrics: () => metrics.render(),
    report: async (lines) => {
      calls.push(`report:${lines}`);
      return { fileName: 'berth-report-dev.berth.test-20260101T000000Z.tar.gz', bytes: Buffer.from('not really gzip') };
    },
  };
}

/** An updates reply with one installed version. */
function updates(): UpdatesResponse {
  return {
    state: 'idle', target: null, reason: null, backup: null, running: '1.0.0', current: '1.0.0', previous: null, knownGood: '1.0.0',
    versions: [{ version: '1.0.0', current: true, previous: false, knownGood: true }], available: null, feed: false, checkedAt: null, lastError: null,
  };
}

/** A control server on a fake runtime for one test file (any free port; closed after the file). */
export function useFakeControlServer(options: Partial<ControlServerOptions> = {}): { readonly runtime: FakeRuntime; readonly server: ControlServer } {
  const live: { runtime?: FakeRuntime; server?: ControlServer } = {};
  beforeAll(async () => {
    live.runtime = createFakeRuntime();
    live.server = await startControlServer({ runtime: live.runtime, logger: silentLogger, port: 0, ...options });
  });
  afterAll(async () => {
    await live.server?.close();
  });
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the control server is not started yet (use it inside a test)');
    return value;
  };
  return {
    get runtime() {
      return need(live.runtime);
    },
    get server() {
      return need(live.server);
    },
  };
}
