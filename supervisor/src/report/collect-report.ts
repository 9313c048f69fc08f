// What a diagnostic report holds (issue 19), written into a staging folder, every text through
// the same redactor as the logs: the state (/status of the running supervisor, or the last known
// one), the pre-flight, versions, the manifest, the last lines of every log and of telemetry, and
// the run records. Never control.json (the token) nor anything under secrets/.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { arch, platform, release, type } from 'node:os';
import { join } from 'node:path';
import { RunRecorder } from '../runs/index.ts';
import { VERSION } from '../version.ts';
import { tailFile } from './tail-file.ts';

/** Run records kept per service (newest first). */
export const RUNS_PER_SERVICE = 50;

/** What goes into a report. */
export interface ReportInput {
  readonly stateDir: string;
  /** The bundle.json, when known. */
  readonly manifestPath: string | null;
  /** `{ live: true, status }` from the running supervisor, or the last known state. */
  readonly state: unknown;
  readonly preflight: unknown;
  /** Masks every secret value (the logs' redactor). */
  readonly redact: (text: string) => string;
  /** Lines kept of each log and of telemetry. */
  readonly lines: number;
}

/** Writes the report's files under `dir`; returns their paths relative to it. */
export async function collectReport(input: ReportInput, dir: string): Promise<string[]> {
  const written: string[] = [];
  const put = async (name: string, text: string) => {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), input.redact(text), { mode: 0o600 });
    written.push(name);
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  await put('state.json', json(input.state));
  await put('preflight.json', json(input.preflight));
  await put('versions.json', json({ berth: VERSION, node: process.version, os: { type: type(), platform: platform(), release: release(), arch: arch() } }));
  if (input.manifestPath !== null) {
    const manifest = await readFile(input.manifestPath, 'utf8').catch(() => null);
    if (manifest !== null) await put('bundle.json', manifest);
  }
  const logsDir = join(input.stateDir, 'logs');
  for (const name of (await readdir(logsDir).catch(() => [])).filter((file) => file.endsWith('.log')).sort()) {
    await put(`logs/${name}`, `${(await tailFile(join(logsDir, name), input.lines)).join('\n')}\n`);
  }
  await put('telemetry.jsonl', `${(await tailFile(join(input.stateDir, 'telemetry.jsonl'), input.lines)).join('\n')}\n`);
  const kept = new Map<string, number>();
  for (const record of await new RunRecorder(join(input.stateDir, 'runs')).listAll().catch(() => [])) {
    const count = kept.get(record.service) ?? 0;
    kept.set(record.service, count + 1);
    if (count < RUNS_PER_SERVICE) await put(`runs/${record.service}/${record.runId}.json`, json(record));
  }
  return written;
}
