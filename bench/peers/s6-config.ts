// Scenario → an s6 scan directory: <svc>/run (exec node or perl with its env), <svc>/timeout-kill
// (grace, ms) and <svc>/log/run (s6-log keeping 5 × 10 MB, like Berth's rotation; with the `T`
// directive, an ISO 8601 timestamp before every line, as Berth's log files have). Pure: it
// returns the files to write.

import { programOf, type Scenario } from '../scenarios/scenario.ts';

/** A file to create under the scan directory. */
export interface ScanFile {
  readonly path: string;
  readonly content: string;
  readonly mode: number;
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, "'\\''")}'`;
}

/** The files of the scan directory (paths relative to it); logs go to `logDir/<name>/current`. */
export function s6ScanFiles(scenario: Scenario, logDir: string, options: { timestamp?: boolean } = {}): ScanFile[] {
  const directives = options.timestamp === true ? 'n5 s10000000 T' : 'n5 s10000000';
  const files: ScanFile[] = [];
  for (const service of scenario.services) {
    const env = Object.entries(service.env).map(([key, value]) => `${key}=${shellQuote(value)}`).join(' ');
    files.push(
      { path: `${service.name}/run`, content: `#!/bin/sh\nexec 2>&1\nexec env ${env} ${shellQuote(programOf(scenario, service))} ${shellQuote(service.script)}\n`, mode: 0o755 },
      { path: `${service.name}/timeout-kill`, content: `${scenario.graceMs}\n`, mode: 0o644 },
      { path: `${service.name}/log/run`, content: `#!/bin/sh\nexec s6-log ${directives} ${shellQuote(`${logDir}/${service.name}`)}\n`, mode: 0o755 },
    );
  }
  return files;
}
