// Scenario → supervisord.conf: one [program:x] per service (autorestart, stopwaitsecs = grace,
// whole process group signalled, stdout to a size-rotated file like Berth's), all in one
// [group:app]. Pure.
import { programOf, type Scenario } from '../scenarios/scenario.ts';

/** Where supervisord keeps its files, and its XML-RPC port. */
export interface SupervisordPaths {
  readonly dir: string;
  readonly rpcPort: number;
}

function quoteEnv(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%')}"`;
}

/** The configuration text for a scenario. */
export function supervisordConf(scenario: Scenario, paths: SupervisordPaths): string {
  const graceSeconds = Math.max(1, Math.ceil(scenario.graceMs / 1000));
  const lines = [
    '[supervisord]',
    'nodaemon=true',
    `logfile=${paths.dir}/supervisord.log`,
    `pidfile=${paths.dir}/supervisord.pid`,
    `childlogdir=${paths.dir}/logs`,
    'loglevel=warn',
    'minfds=4096',
    '',
    '[inet_http_server]',
    `port=127.0.0.1:${paths.rpcPort}`,
    '',
    '[rpcinterface:supervisor]',
    'supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface',
    '',
    '[supervisorctl]',
    `serverurl=http://127.0.0.1:${paths.rpcPort}`,
    '',
  ];
  for (const service of scenario.services) {
    lines.push(
      `[program:${service.name}]`,
      `command=${programOf(scenario, service)} ${service.script}`,
      `environment=${Object.entries(service.env).map(([key, value]) => `${key}=${quoteEnv(value)}`).join(',')}`,
      'autostart=true',
      'autorestart=true',
      'startsecs=1',
      'startretries=1000',
      'stopsignal=TERM',
      `stopwaitsecs=${graceSeconds}`,
      'stopasgroup=true',
      'killasgroup=true',
      'redirect_stderr=true',
      `stdout_logfile=${paths.dir}/logs/${service.name}.log`,
      'stdout_logfile_maxbytes=10MB',
      'stdout_logfile_backups=5',
      '',
    );
  }
  // One group, as a multi-service app is usually declared: a group starts and stops its programs
  // together (separate programs would be stopped one after another at shutdown).
  lines.push('[group:app]', `programs=${scenario.services.map((service) => service.name).join(',')}`, '');
  return lines.join('\n');
}
