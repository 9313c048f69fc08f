import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSupervisorLogger, formatSupervisorLine } from './supervisor-log.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-supervisor-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const readLines = async (file: string) => (await readFile(file, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

describe('supervisor log', () => {
  it('formats fixed keys first and drops undefined fields', () => {
    const line = formatSupervisorLine('warn', 'hi %s', { concern: 'ports', service: undefined, port: 47000 }, new Date('2026-11-25T15:30:12.123Z'), 7);
    expect(line).toBe('{"time":"2026-11-25T15:30:12.123Z","level":"warn","concern":"ports","pid":7,"msg":"hi %s","port":47000}');
  });

  it('writes JSON lines with concern/service from child loggers, filters levels, echoes in the server profile', async () => {
    const echoed: string[] = [];
    const logger = createSupervisorLogger({ logsDir: join(dir, 'logs'), profile: 'server', echo: (line) => echoed.push(line), redact: (text) => text.replaceAll('tok3n', '***') });
    logger.debug('not written');
    logger.info('starting', { version: '1.0.0' });
    logger.child({ concern: 'runtime' }).child({ service: 'api' }).error('exited with 100% of tok3n', { exitCode: 1 });
    const lines = await readLines(join(dir, 'logs', 'supervisor.log'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'starting', version: '1.0.0', pid: process.pid });
    expect(lines[1]).toMatchObject({ level: 'error', concern: 'runtime', service: 'api', msg: 'exited with 100% of ***', exitCode: 1 });
    // The echo is the server profile's line: the fixed five keys, stream "supervisor", then the fields.
    expect(echoed.map((line) => Object.keys(JSON.parse(line) as object).slice(0, 5))).toEqual([['time', 'level', 'service', 'stream', 'msg'], ['time', 'level', 'service', 'stream', 'msg']]);
    expect(JSON.parse(echoed[0] ?? '')).toMatchObject({ level: 'info', service: null, stream: 'supervisor', msg: 'starting', version: '1.0.0', pid: process.pid });
    expect(JSON.parse(echoed[1] ?? '')).toMatchObject({ level: 'error', service: 'api', stream: 'supervisor', concern: 'runtime', msg: 'exited with 100% of ***', exitCode: 1, time: lines[1]?.time });
  });

  it('rotates supervisor.log by size into supervisor.log.1 … .N', async () => {
    const logger = createSupervisorLogger({ logsDir: dir, profile: 'desktop', maxBytes: 2000, maxFiles: 2, level: 'debug' });
    for (let index = 0; index < 100; index++) logger.debug(`line ${index} ${'x'.repeat(50)}`);
    expect((await readdir(dir)).sort()).toEqual(['supervisor.log', 'supervisor.log.1', 'supervisor.log.2']);
    const newest = await readLines(join(dir, 'supervisor.log'));
    expect(newest.at(-1)?.msg).toMatch(/^line 99 /);
  });
});
