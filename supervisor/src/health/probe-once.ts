// One attempt of an http, tcp or exec probe (DESIGN §4). Log probes are event-driven and live in
// log-matcher.ts. Each attempt has its own timeout and never throws: it reports ok or why not.
import { request } from 'node:http';
import { connect } from 'node:net';
import type { Probe } from '../manifest/schema.ts';

/** The result of one probe attempt. */
export type ProbeOutcome = { readonly ok: true } | { readonly ok: false; readonly message: string; readonly refused?: boolean };

/** What a probe needs to know about its service. */
export interface ProbeTarget {
  /** The service's allocated ports by name. */
  readonly ports: Readonly<Record<string, number>>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
}

const OK: ProbeOutcome = { ok: true };

function httpProbe(host: string, port: number, path: string, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const req = request({ host, port, path, method: 'GET', agent: false, timeout: timeoutMs, headers: { 'user-agent': 'berth-probe' } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 400 ? OK : { ok: false, message: `GET http://${host}:${port}${path} answered ${status}` });
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (error: NodeJS.ErrnoException) => resolve({ ok: false, message: `GET http://${host}:${port}${path}: ${error.code ?? error.message}`, refused: error.code === 'ECONNREFUSED' }));
    req.end();
  });
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (outcome: ProbeOutcome) => {
      // A FIN, not a reset (resetAndDestroy would be cheaper and leave no TIME_WAIT): servers
      // such as Python's socketserver print a traceback for every reset connection.
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => finish({ ok: false, message: `tcp ${host}:${port}: no connection within ${timeoutMs} ms` }));
    socket.once('connect', () => finish(OK));
    socket.once('error', (error: NodeJS.ErrnoException) => finish({ ok: false, message: `tcp ${host}:${port}: ${error.code ?? error.message}`, refused: error.code === 'ECONNREFUSED' }));
  });
}

async function execProbe(command: readonly string[], target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const [file = '', ...args] = command;
  // execa is loaded on the first exec probe, not at start-up (~20 ms of module code).
  const { execa } = await import('execa');
  const result = await execa(file, args, { cwd: target.cwd, env: target.env, extendEnv: false, timeout: timeoutMs, reject: false, stdin: 'ignore', windowsHide: true });
  if (result.exitCode === 0) return OK;
  const output = `${String(result.stderr)}`.trim().split('\n').at(-1) ?? '';
  return { ok: false, message: `${file} ${result.timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${result.exitCode ?? result.signal ?? 'error'}`}${output ? `: ${output}` : ''}` };
}

/** Runs one http/tcp/exec probe attempt; a log probe is not polled and always reports not-ok here. */
export async function probeOnce(probe: Probe, target: ProbeTarget, resolveCommand: (argv: readonly string[]) => readonly string[] = (argv) => argv): Promise<ProbeOutcome> {
  const portOf = (name: string) => target.ports[name] ?? 0;
  if (probe.http !== undefined) return httpProbe(probe.http.host, portOf(probe.http.port), probe.http.path, probe.timeout);
  if (probe.tcp !== undefined) return tcpProbe(probe.tcp.host, portOf(probe.tcp.port), probe.timeout);
  if (probe.exec !== undefined) return execProbe(resolveCommand(probe.exec.command), target, probe.timeout);
  return { ok: false, message: 'log probes are matched against output, not polled' };
}
