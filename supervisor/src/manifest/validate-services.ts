// Semantic checks inside each service: task-only fields, secrets it uses, log probe patterns.
import { didYouMean } from './did-you-mean.ts';
import { parseLogPattern } from './log-pattern.ts';
import { formatPath, type ManifestProblem } from './problems.ts';
import type { BundleManifest } from './schema.ts';

const TASK_ONLY_FIELDS = ['when', 'timeout'] as const;

/** Problems with task-only fields, undeclared secrets and log probes that do not compile. */
export function checkServices(manifest: BundleManifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const declaredSecrets = Object.keys(manifest.secrets);
  for (const [name, service] of Object.entries(manifest.services)) {
    if (service.kind !== 'task') {
      for (const field of TASK_ONLY_FIELDS) {
        if (service[field] === undefined) continue;
        problems.push({ path: formatPath(['services', name, field]), message: `"${field}" applies to tasks only: add "kind": "task" or remove it` });
      }
    }
    for (const secret of Object.keys(service.secrets)) {
      if (declaredSecrets.includes(secret)) continue;
      problems.push({
        path: formatPath(['services', name, 'secrets', secret]),
        message: `secret "${secret}" is not declared in the top-level "secrets"${didYouMean(secret, declaredSecrets)}`,
      });
    }
    if (service.liveness?.notify !== undefined) {
      problems.push({ path: formatPath(['services', name, 'liveness', 'notify']), message: 'notify says when a service is ready, once: use it under "readiness", and http, tcp or exec for liveness' });
    }
    for (const field of ['readiness', 'liveness'] as const) {
      const log = service[field]?.log;
      if (log === undefined) continue;
      try {
        parseLogPattern(log);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        problems.push({ path: formatPath(['services', name, field, 'log']), message: `the pattern ${log} does not compile: ${reason}` });
      }
    }
  }
  return problems;
}
