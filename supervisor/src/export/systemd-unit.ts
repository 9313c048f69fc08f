// One bundle service as a systemd unit: `Requires=` + `After=` per dependency, a readiness probe
// as an `ExecStartPost=` loop that holds the unit in "activating" until it passes (bounded by
// `TimeoutStartSec=` from startTimeout), tasks as `Type=oneshot` + `RemainAfterExit=yes`,
// restarts with `StartLimitBurst=`/`StartLimitIntervalSec=` from maxRestarts/window, secrets as
// credentials. Every unit shares one dynamic user, so `${dataDir}` is theirs alone. Pure.
import { formatPath } from '../manifest/index.ts';
import { unmappedProbeWarning } from './common-warnings.ts';
import { durationText } from './durations.ts';
import { planOf, type ExportContext } from './export-context.ts';
import type { ExportWarning } from './export-types.ts';
import { targetName, unitName, unitUser } from './names.ts';
import type { PlannedProbe, ServicePlan } from './plan-services.ts';
import { probeScript, type ProbeCheck } from './probe-scripts.ts';
import { commandLine, environmentValue, escapeSpecifiers, unitText, type UnitSection } from './systemd-syntax.ts';
import { nodeFor } from './target-values.ts';

const RESTART = { never: 'no', 'on-failure': 'on-failure', always: 'always', 'unless-stopped': 'always' } as const;

/** Where an operator puts secret `name` for the units of `appId`. */
export const credentialFile = (appId: string, name: string): string => `/etc/credstore/${appId}/${name}`;

/** The readiness loop, or undefined (with a warning) when systemd cannot run the probe. */
function readinessCheck(plan: ServicePlan, probe: PlannedProbe): ProbeCheck | ExportWarning {
  switch (probe.kind) {
    case 'http':
      return { kind: 'http', url: `http://${probe.host}:${probe.port}${probe.urlPath}` };
    case 'tcp':
      return { kind: 'tcp', host: probe.host, port: probe.port };
    case 'exec':
      return { kind: 'exec', argv: probe.argv };
    case 'log':
      return unmappedProbeWarning(probe, plan.name, 'systemd', 'readiness');
  }
}

function dependencySettings(context: ExportContext, plan: ServicePlan, warnings: ExportWarning[]): [string, string][] {
  const targets = Object.keys(plan.spec.dependsOn).sort();
  for (const target of targets) {
    const condition = plan.spec.dependsOn[target];
    const dependency = planOf(context, target);
    const path = formatPath(['services', plan.name, 'dependsOn', target]);
    if (dependency?.spec.kind === 'task' && condition !== 'completed') {
      warnings.push({ path, message: `a oneshot unit is active once it has exited: ${plan.name} waits for ${target} to finish` });
    } else if (condition === 'started' && dependency?.readiness !== undefined && dependency.readiness.kind !== 'log') {
      warnings.push({ path, message: `systemd orders ${plan.name} after ${target} is active, which is once its readiness probe passes: "started" becomes "ready"` });
    }
  }
  const units = targets.map((target) => unitName(context.manifest, target)).join(' ');
  return targets.length === 0 ? [] : [['Requires', units], ['After', units]];
}

/** The unit of `plan` and its warnings. */
export function systemdUnit(context: ExportContext, plan: ServicePlan): { readonly unit: readonly (readonly [string, UnitSection])[]; readonly warnings: ExportWarning[] } {
  const { manifest } = context;
  const { spec, launch } = plan;
  const warnings: ExportWarning[] = [];
  const task = spec.kind === 'task';
  const restarts = !task && spec.restart.policy !== 'never';
  const unit: [string, string][] = [['Description', unitText(`${manifest.app.name} ${plan.name}${spec.description === undefined ? '' : `: ${spec.description}`}`)], ['PartOf', targetName(manifest)]];
  unit.push(...dependencySettings(context, plan, warnings));
  if (restarts) unit.push(['StartLimitBurst', String(spec.restart.maxRestarts + 1)], ['StartLimitIntervalSec', durationText(spec.restart.window)]);

  const service: [string, string][] = task ? [['Type', 'oneshot'], ['RemainAfterExit', 'yes']] : [['Type', 'exec']];
  service.push(['ExecStart', commandLine([launch.file, ...launch.args])]);
  const readiness = task || plan.readiness === undefined ? undefined : readinessCheck(plan, plan.readiness);
  if (readiness !== undefined && 'path' in readiness) warnings.push(readiness);
  else if (readiness !== undefined && plan.readiness !== undefined) {
    service.push(['ExecStartPost', commandLine([nodeFor(context.options), '-e', probeScript(readiness, { timeoutMs: plan.readiness.timeoutMs, retryMs: plan.readiness.intervalMs })])]);
  }
  const secrets = Object.keys(spec.secrets).sort();
  const environment = new Map(Object.entries(launch.env).map(([name, value]) => [name, environmentValue(name, value)]));
  // %d is the unit's credentials folder ($CREDENTIALS_DIRECTORY): the one specifier meant here.
  for (const name of secrets) environment.set(`${name}_FILE`, `"${name}_FILE=%d/${name}"`);
  for (const name of [...environment.keys()].sort()) service.push(['Environment', environment.get(name) ?? '']);
  for (const name of secrets) service.push(['LoadCredential', `${name}:${escapeSpecifiers(credentialFile(manifest.app.id, name))}`]);
  service.push(['WorkingDirectory', escapeSpecifiers(launch.cwd)], ['DynamicUser', 'yes'], ['User', unitUser(manifest)]);
  if (plan.uses.has('dataDir')) service.push(['StateDirectory', manifest.app.id]);
  if (plan.uses.has('logsDir')) service.push(['LogsDirectory', manifest.app.id]);
  service.push(['Restart', task ? 'no' : RESTART[spec.restart.policy]]);
  if (restarts) {
    service.push(['RestartSec', durationText(spec.restart.backoff.initial)]);
    warnings.push({ path: formatPath(['services', plan.name, 'restart', 'backoff']), message: `systemd waits a fixed RestartSec=${durationText(spec.restart.backoff.initial)} between restarts: the doubling back-off with jitter does not map` });
  }
  const startLimitMs = task ? spec.timeout : plan.readiness !== undefined && plan.readiness.kind !== 'log' ? plan.readiness.startTimeoutMs : undefined;
  if (startLimitMs !== undefined) service.push(['TimeoutStartSec', durationText(startLimitMs)]);
  service.push(['KillSignal', spec.shutdown.signal], ['TimeoutStopSec', durationText(spec.shutdown.timeout)]);
  if (plan.liveness !== undefined) warnings.push({ path: plan.liveness.path, message: 'systemd has no liveness probe (WatchdogSec= needs the program to call sd_notify); left out' });
  return { unit: [['Unit', unit], ['Service', service]], warnings };
}
