// Small `node -e` programs that check an http, tcp or exec probe the way Berth does (http: a 2xx
// or 3xx answer; tcp: a connection; exec: exit 0), once (a compose healthcheck) or until it
// passes (a systemd readiness wait, a Kubernetes wait for a dependency). Node runs them because
// the services that use them already need it; they print nothing but an optional first line.

/** What to check: an http URL, a tcp address, or a command (argv, never a shell line). */
export type ProbeCheck =
  | { readonly kind: 'http'; readonly url: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | { readonly kind: 'exec'; readonly argv: readonly string[] };

/** How to run it: per-attempt time limit, and the pause between attempts (none: exit 1 at the first failure). */
export interface ProbeRunOptions {
  readonly timeoutMs: number;
  readonly retryMs?: number;
  /** A line printed once at the start (what is being waited for). */
  readonly banner?: string;
}

/** The body of one attempt, which ends in `ok()` or `no()`. */
function attempt(check: ProbeCheck, timeoutMs: number): string {
  switch (check.kind) {
    case 'http':
      return `require('http').get(${JSON.stringify(check.url)},{timeout:${timeoutMs}},r=>{r.resume();r.statusCode>=200&&r.statusCode<400?ok():no()}).on('timeout',function(){this.destroy()}).on('error',no)`;
    case 'tcp':
      return `const s=require('net').connect(${check.port},${JSON.stringify(check.host)},()=>{s.destroy();ok()});s.setTimeout(${timeoutMs},()=>s.destroy(new Error('timeout')));s.on('error',no)`;
    case 'exec':
      return `require('child_process').spawnSync(${JSON.stringify(check.argv[0] ?? '')},${JSON.stringify(check.argv.slice(1))},{stdio:'ignore',timeout:${timeoutMs}}).status===0?ok():no()`;
  }
}

/** The program's source, for `node -e`. */
export function probeScript(check: ProbeCheck, options: ProbeRunOptions): string {
  const banner = options.banner === undefined ? '' : `console.log(${JSON.stringify(options.banner)});`;
  const onFailure = options.retryMs === undefined ? 'process.exit(1)' : `setTimeout(t,${options.retryMs})`;
  // `no` acts once per attempt: a timeout also ends in an error, and one failure is one retry.
  return `${banner}const ok=()=>process.exit(0);const t=()=>{let d=0;const no=()=>{if(d++)return;${onFailure}};${attempt(check, options.timeoutMs)}};t()`;
}
