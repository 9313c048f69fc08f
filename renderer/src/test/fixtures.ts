// Builders of contract objects for tests: a complete value with overrides.
import type { LogLine, RunRecord, ServiceStatus, StatusResponse, UpdatesResponse } from '../../../supervisor/src/control/contract.ts';

/** A service with sensible defaults (a ready long-lived service with one http port). */
export function makeService(name: string, overrides: Partial<ServiceStatus> = {}): ServiceStatus {
  return {
    name,
    kind: 'service',
    state: 'ready',
    pid: 1000 + name.length,
    ports: { http: { port: 47000 + name.length, protocol: 'http', url: `http://127.0.0.1:${47000 + name.length}/` } },
    restarts: 0,
    lastExit: null,
    startedAt: '2026-11-25T10:00:00.000Z',
    readyAt: '2026-11-25T10:00:01.200Z',
    uptimeMs: 65_000,
    reason: null,
    blockedBy: null,
    waitingOn: [],
    missingSecrets: [],
    lastLines: [],
    dependsOn: {},
    runId: `${name}-run-1`,
    ...overrides,
  };
}

/** A status response around the given services. */
export function makeStatus(services: ServiceStatus[], overrides: Partial<StatusResponse> = {}): StatusResponse {
  return {
    supervisor: {
      pid: 4242,
      version: '0.1.0',
      profile: 'headless',
      startedAt: '2026-11-25T10:00:00.000Z',
      state: 'ready',
      stateDir: '/tmp/state',
      logsDir: '/tmp/state/logs',
    },
    app: { id: 'dev.berth.notes', name: 'Notes', version: '1.0.0' },
    uiUrl: 'http://127.0.0.1:47800/',
    services,
    ...overrides,
  };
}

/** A log line of `service`. */
export function makeLine(service: string, line: string, stream: LogLine['stream'] = 'stdout', at = '2026-11-25T10:00:02.000Z'): LogLine {
  return { service, stream, line, at };
}

/** A finished run record. */
export function makeRun(service: string, runId: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    runId,
    service,
    pid: 2000,
    pgid: 2000,
    processStartTicks: null,
    supervisorPid: 4242,
    startedAt: '2026-11-25T09:00:00.000Z',
    endedAt: '2026-11-25T09:30:00.000Z',
    status: 'exited',
    exitCode: 0,
    signal: null,
    reason: null,
    restartCount: 0,
    previousRunId: null,
    ...overrides,
  };
}

/** GET /updates with `versions` installed; the first is current and known-good unless fields say otherwise. */
export function makeUpdates(fields: Partial<UpdatesResponse> = {}, versions: string[] = ['1.0.0']): UpdatesResponse {
  const current = fields.current ?? versions[0] ?? null;
  const knownGood = fields.knownGood ?? current;
  const previous = fields.previous ?? null;
  return {
    state: 'idle', target: null, reason: null, backup: null, running: current ?? '', current, previous, knownGood,
    versions: versions.map((version) => ({ version, current: version === current, previous: version === previous, knownGood: version === knownGood })),
    available: null, feed: false, checkedAt: null, lastError: null,
    ...fields,
  };
}
