// Scenario → pm2 ecosystem JSON (fork mode, autorestart, kill_timeout = grace). Pure.
import type { Scenario } from '../scenarios/scenario.ts';

/** One pm2 app entry. */
export interface Pm2App {
  readonly name: string;
  readonly script: string;
  readonly interpreter: string;
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
  readonly time: false;
  readonly env: Readonly<Record<string, string>>;
}

/** The ecosystem file for a scenario; logs go to `logDir/<name>.{out,err}.log`. */
export function pm2Ecosystem(scenario: Scenario, logDir: string): { apps: Pm2App[] } {
  return {
    apps: scenario.services.map((service) => ({
      name: service.name,
      script: service.script,
      interpreter: scenario.node,
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
      time: false,
      env: { ...service.env },
    })),
  };
}
