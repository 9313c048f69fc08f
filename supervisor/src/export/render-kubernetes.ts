// `berth export kubernetes`: kubernetes.yaml (a Deployment and a Service per long-lived service,
// a Job per task nothing waits for, a PersistentVolumeClaim for `${dataDir}`) and, when services
// run from the bundle, a Dockerfile that copies the bundle into a Node 24 image. The Secret is
// made by the operator from the files it lists. Pure.
import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IPersistentVolumeClaim, IService } from 'kubernetes-models/v1';
import { taskWhenWarnings } from './common-warnings.ts';
import { planOf, type ExportContext, type RenderedExport } from './export-context.ts';
import type { ExportFile, ExportWarning } from './export-types.ts';
import { containerOf, type KubernetesNames } from './kubernetes-container.ts';
import { podSpecOf, initSteps } from './kubernetes-pod.ts';
import { kubernetesProbes } from './kubernetes-probes.ts';
import { deploymentRestartWarning, initTaskWarnings, logsDirWarnings, sharedClaimWarnings, stopSignalWarnings, taskProbeWarnings } from './kubernetes-warnings.ts';
import { kubernetesPortName } from './names.ts';
import type { ServicePlan } from './plan-services.ts';
import { secretsToProvide } from './plan-secrets.ts';
import { bundleFromOutput, CONTAINER_PATHS, NODE_IMAGE } from './target-values.ts';
import { yamlStream } from './yaml-text.ts';

/** Names and the image the bundle's own services run from. */
export interface KubernetesSetup extends KubernetesNames {
  readonly slug: string;
  /** The image the Dockerfile builds (`<slug>:<version>`), when some service runs from it. */
  readonly bundleImage: string;
}

const labelsOf = (setup: KubernetesSetup, name: string) => ({ 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': setup.slug });

/** The tasks each pod runs as init containers, by pod name (services and stand-alone tasks). */
function podInitTasks(context: ExportContext): Map<string, ServicePlan[]> {
  const pods = new Map<string, ServicePlan[]>();
  for (const plan of context.plans) {
    if (isInitOnly(context, plan)) continue;
    pods.set(plan.name, initSteps(context, plan).steps.flatMap((step) => (step.kind === 'task' ? [step.plan] : [])));
  }
  return pods;
}

/** A task some service or task waits to complete: it runs in their pods, not as its own Job. */
function isInitOnly(context: ExportContext, plan: ServicePlan): boolean {
  return plan.spec.kind === 'task' && context.plans.some((other) => other.spec.dependsOn[plan.name] === 'completed');
}

function objectsOf(context: ExportContext, plan: ServicePlan, setup: KubernetesSetup): { readonly objects: unknown[]; readonly warnings: ExportWarning[] } {
  const name = setup.names[plan.name] ?? plan.name;
  const labels = labelsOf(setup, name);
  const planned = containerOf(plan, setup);
  const warnings: ExportWarning[] = [...stopSignalWarnings(plan), ...logsDirWarnings(plan)];
  if (plan.spec.kind === 'task') {
    warnings.push(...taskProbeWarnings(plan));
    const pod = podSpecOf(context, plan, setup, planned);
    const deadline = plan.spec.timeout === undefined ? {} : { activeDeadlineSeconds: Math.ceil(plan.spec.timeout / 1000) };
    const job: IJob = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, labels }, spec: { backoffLimit: 0, ...deadline, template: { metadata: { labels }, spec: pod.spec } } };
    return { objects: [job], warnings: [...warnings, ...pod.warnings] };
  }
  const { probes, warnings: probeWarnings } = kubernetesProbes(plan);
  const pod = podSpecOf(context, plan, setup, { ...planned, container: { ...planned.container, ...probes } });
  warnings.push(...probeWarnings, ...pod.warnings, deploymentRestartWarning(plan));
  const deployment: IDeployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    // One copy at a time, as Berth runs it: the old pod stops before the new one starts.
    spec: { replicas: 1, selector: { matchLabels: labels }, strategy: { type: 'Recreate' }, template: { metadata: { labels }, spec: pod.spec } },
  };
  if (plan.ports.length === 0) return { objects: [deployment], warnings };
  const ports = plan.ports.map(([port, number]) => ({ name: kubernetesPortName(port, number), port: number, targetPort: number, protocol: 'TCP' as const }));
  const service: IService = { apiVersion: 'v1', kind: 'Service', metadata: { name, labels }, spec: { selector: labels, ports } };
  return { objects: [deployment, service], warnings };
}

/** The Kubernetes export of a planned bundle. */
export function renderKubernetes(context: ExportContext, setup: KubernetesSetup): RenderedExport {
  const { manifest, plans } = context;
  const warnings: ExportWarning[] = [...taskWhenWarnings(plans, 'Kubernetes')];
  const objects: unknown[] = [];
  const pods = podInitTasks(context);
  const claimUsers = [...pods].filter(([name, tasks]) => [planOf(context, name), ...tasks].some((plan) => plan?.uses.has('dataDir'))).map(([name]) => name);
  if (claimUsers.length > 0) {
    const claim: IPersistentVolumeClaim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: setup.claimName, labels: { 'app.kubernetes.io/part-of': setup.slug } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    objects.push(claim);
    warnings.push(...sharedClaimWarnings(claimUsers, setup.claimName));
  }
  for (const plan of plans) {
    if (isInitOnly(context, plan)) {
      const dependents = [...pods].filter(([, tasks]) => tasks.includes(plan)).map(([name]) => name);
      warnings.push(...initTaskWarnings(plan, dependents), ...taskProbeWarnings(plan), ...logsDirWarnings(plan));
      continue;
    }
    const rendered = objectsOf(context, plan, setup);
    objects.push(...rendered.objects);
    warnings.push(...rendered.warnings);
  }
  const header = [`${manifest.app.name} ${manifest.app.version} (${manifest.app.id}), written by \`berth export kubernetes\`: export again rather than edit.`];
  const files: ExportFile[] = [{ name: 'kubernetes.yaml', text: yamlStream(objects, header) }];
  const runsBundleImage = plans.some((plan) => setup.images.get(plan.name) === setup.bundleImage);
  const bundleDir = bundleFromOutput(context.options);
  if (runsBundleImage) files.push({ name: 'Dockerfile', text: dockerfile(setup, bundleDir) });
  const secrets = secretsToProvide(context.secrets, (name) => `secrets/${name}`);
  const ui = manifest.ui === undefined ? undefined : context.ports[manifest.ui.service]?.[manifest.ui.port];
  const run = [
    ...(runsBundleImage ? [`docker build -f Dockerfile -t ${setup.bundleImage} ${bundleDir}`] : []),
    ...(secrets.length > 0 ? ['mkdir -p secrets', ...secrets.map((secret) => secret.how), `kubectl create secret generic ${setup.secretName} --from-file=secrets/`] : []),
    'kubectl apply -f kubernetes.yaml',
    ...(manifest.ui !== undefined && ui !== undefined ? [`kubectl port-forward service/${setup.names[manifest.ui.service] ?? manifest.ui.service} ${ui}:${ui}`] : []),
  ];
  return { files, secrets, run, warnings };
}

/** The bundle image: Node 24 with the bundle copied to its fixed path. */
function dockerfile(setup: KubernetesSetup, bundleDir: string): string {
  return [
    `# The image of the services that run from the bundle, written by \`berth export kubernetes\`.`,
    `# Build it from the bundle's folder: docker build -f Dockerfile -t ${setup.bundleImage} ${bundleDir}`,
    `FROM ${NODE_IMAGE}`,
    `COPY . ${CONTAINER_PATHS.bundleDir}`,
    `WORKDIR ${CONTAINER_PATHS.bundleDir}`,
    '',
  ].join('\n');
}
