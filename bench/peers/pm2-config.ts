// Scenario → pm2 ecosystem JSON (fork mode, autorestart, kill_timeout = grace). Pure.
// Node services run as pm2 runs any Node app: `interpreter` = the bench's Node, which pm2 starts
// through its ProcessContainerFork.js wrapper. Other programs: `interpreter: 'none'` makes pm2
// spawn `script` itself with `args` (lib/God/ForkMode.js: no wrapper, no interpreter), so a
// light service is exactly `/usr/bin/perl listener.pl`, as under the other supervisors.
import { programOf, type Scenario } from '../scenarios/scenario.ts';

/** One pm2 app entry. */
export interface Pm2App {
  readonly name: string;
  readonly script: string;
  readonly interpreter: string;
  readonly args?: readonly string[];
  readonly exec_mode: 'fork';
  readonly instances: 1;
  readonly autorestart: true;
  readonly restart_delay: 0;
  readonly max_restarts: number;
  readonly kill_timeout: number;
  readonly watch: false;
  readonly out_file: string;
  readonly error_file: string;
  readonly merge_logs: true;
  /** pm2 prefixes every log line with a timestamp when true. */
  readonly time: boolean;
  readonly env: Readonly<Record<string, string>>;
}

/** The ecosystem file for a scenario; logs go to `logDir/<name>.{out,err}.log`, each line prefixed
 * with a timestamp when `options.time` (pm2's `time: true`, as Berth timestamps its log files). */
export function pm2Ecosystem(scenario: Scenario, logDir: string, options: { time?: boolean } = {}): { apps: Pm2App[] } {
  return {
    apps: scenario.services.map((service) => ({
      name: service.name,
      ...(service.runtime === 'node' ? { script: service.script, interpreter: scenario.node } : { script: programOf(scenario, service), interpreter: 'none', args: [service.script] }),
      exec_mode: 'fork',
      instances: 1,
      autorestart: true,
      restart_delay: 0,
      max_restarts: 1000,
      kill_timeout: scenario.graceMs,
      watch: false,
      out_file: `${logDir}/${service.name}.out.log`,
      error_file: `${logDir}/${service.name}.err.log`,
      merge_logs: true,
      time: options.time ?? false,
      env: { ...service.env },
    })),
  };
}
