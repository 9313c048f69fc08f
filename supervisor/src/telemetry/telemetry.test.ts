import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../events/index.ts';
import type { TelemetryEventInput } from './events.ts';
import { readTelemetryFile } from './read-telemetry.ts';
import { Telemetry } from './telemetry.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-telemetry-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});
const now = () => new Date('2026-11-25T15:30:12.123Z');

describe('Telemetry', () => {
  it('records state and supervisor events from the bus (not log lines) and every recorded kind', async () => {
    const file = join(dir, 'telemetry.jsonl');
    const telemetry = new Telemetry({ file, maxBytes: 1 << 20, maxFiles: 2, now, redact: (text) => text.replaceAll('s3cret', '***') });
    const bus = new EventBus();
    const detach = telemetry.attach(bus);
    bus.publish({ type: 'state', service: 'api', from: 'starting', to: 'ready', at: '2026-11-25T15:30:00.000Z', reason: null, pid: 42 });
    bus.publish({ type: 'log', service: 'api', stream: 'stdout', line: 'TOKEN=s3cret', at: '2026-11-25T15:30:00.000Z' });
    bus.publish({ type: 'supervisor', state: 'ready', at: '2026-11-25T15:30:01.000Z' });
    detach();
    bus.publish({ type: 'supervisor', state: 'stopping', at: '2026-11-25T15:30:02.000Z' });
    const recorded: TelemetryEventInput[] = [
      { type: 'restart', service: 'api', attempt: 1, delayMs: 100, reason: 'exit code 1' },
      { type: 'probe-failure', service: 'api', probe: 'liveness', message: 'GET /healthz?t=s3cret: 500' },
      { type: 'task-result', task: 'migrate', ok: false, exitCode: 3, durationMs: 1200 },
      { type: 'shutdown', reason: 'SIGTERM', durationMs: 250 },
      { type: 'reaped', service: 'db', pid: 77 },
    ];
    for (const event of recorded) telemetry.record(event);
    telemetry.record({ type: 'reaped', service: 'db', pid: 78, env: { SECRET: 'x' }, argv: ['--token', 'x'] } as TelemetryEventInput);
    telemetry.record({ type: 'restart', service: 'api', attempt: 0, delayMs: -1, reason: 'bad' });
    await telemetry.close();

    const events = await readTelemetryFile(file);
    expect(events.map((event) => event.type)).toEqual(['state', 'supervisor', 'restart', 'probe-failure', 'task-result', 'shutdown', 'reaped', 'reaped']);
    expect(events[2]).toEqual({ type: 'restart', at: '2026-11-25T15:30:12.123Z', service: 'api', attempt: 1, delayMs: 100, reason: 'exit code 1' });
    expect(events[3]).toMatchObject({ message: 'GET /healthz?t=***: 500' });
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('argv');
    expect(text).not.toContain('SECRET');
    expect(text.split('\n').filter(Boolean).every((line) => JSON.parse(line) !== null)).toBe(true);
  });

  it('rotates by size into telemetry.jsonl.1 … .N without tearing a line', async () => {
    const file = join(dir, 'telemetry.jsonl');
    const telemetry = new Telemetry({ file, maxBytes: 2048, maxFiles: 3, now });
    for (let index = 0; index < 200; index++) telemetry.record({ type: 'reaped', service: `svc${index}`, pid: index });
    await telemetry.close();
    expect((await readdir(dir)).sort()).toEqual(['telemetry.jsonl', 'telemetry.jsonl.1', 'telemetry.jsonl.2', 'telemetry.jsonl.3']);
    const all = [];
    for (const name of ['telemetry.jsonl.3', 'telemetry.jsonl.2', 'telemetry.jsonl.1', 'telemetry.jsonl']) {
      const lines = (await readFile(join(dir, name), 'utf8')).split('\n').filter(Boolean);
      expect(lines.length).toBe((await readTelemetryFile(join(dir, name))).length);
      all.push(...lines);
    }
    expect(JSON.parse(all.at(-1) ?? '{}')).toMatchObject({ service: 'svc199' });
  });
});
