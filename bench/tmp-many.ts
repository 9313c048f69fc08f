import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { berthBundle } from './peers/berth-config.ts';
import { independentScenario } from './scenarios/services.ts';
const N = Number(process.env.N ?? 200);
const clis = process.env.CLI!.split(',');
const res: { wall: number[]; cpu: number[] }[] = clis.map(() => ({ wall: [], cpu: [] }));
const cpuMs = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').slice(readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
for (let k = 0; k < Number(process.env.R ?? 3) * clis.length; k++) {
  const ci = k % clis.length;
  const dir = mkdtempSync('/tmp/st/many');
  const listenLog = join(dir, 'listen.log'); writeFileSync(listenLog, '');
  const ports = Array.from({ length: N }, (_, i) => 25000 + i);
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(berthBundle(independentScenario({ node: process.execPath, ports, listenLog, graceMs: 1000, listener: 'light' }), [40000, 40999])));
  const t0 = performance.now();
  const child = spawn(process.execPath, [clis[ci]!, 'run', '--bundle', join(dir, 'bundle.json'), '--state-dir', join(dir, 'state')], { stdio: ['ignore', 'ignore', 'inherit'], cwd: dir });
  while (readFileSync(listenLog, 'utf8').split('\n').length - 1 < N) await new Promise((r) => setTimeout(r, 5));
  res[ci]!.wall.push(performance.now() - t0);
  res[ci]!.cpu.push(cpuMs(child.pid!));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
for (const [ci, r] of res.entries()) console.log(clis[ci], N, 'wall median', med(r.wall).toFixed(0), 'cpu median', med(r.cpu).toFixed(0), 'cpu all', r.cpu.join(' '));
