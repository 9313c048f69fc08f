// One service or task as a Kubernetes container: the argv as `command` (not the image's
// entrypoint), env with `$` escaped, "env" secrets from the bundle's Secret (secretKeyRef),
// "file" secrets mounted at /run/secrets/<NAME> with NAME_FILE, the data claim and logs folder
// where the service names them, and the probes of a long-lived service. Pure.
import type { IContainer, IEnvVar, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import { kubernetesPortName } from './names.ts';
import type { ServicePlan } from './plan-services.ts';
import { CONTAINER_PATHS } from './target-values.ts';
import { escapeDollars } from './yaml-text.ts';
import { sortedBy } from './sort-by.ts';

/** What the containers of one export share: names, images, the bundle's Secret and data claim. */
export interface KubernetesNames {
  /** Kubernetes name of each service (`${hosts.<service>}`). */
  readonly names: Readonly<Record<string, string>>;
  readonly images: ReadonlyMap<string, string>;
  readonly secretName: string;
  readonly claimName: string;
  readonly required: Readonly<Record<string, boolean>>;
}

/** A container, and the pod volumes it mounts (by volume name). */
export interface PlannedContainer {
  readonly container: IContainer;
  readonly volumes: readonly IVolume[];
}

/** Where Kubernetes mounts secret `name`: the same place as compose. */
export const kubernetesSecretPath = (name: string): string => `/run/secrets/${name}`;

function envOf(plan: ServicePlan, k8s: KubernetesNames): IEnvVar[] {
  const env: IEnvVar[] = Object.entries(plan.launch.env).map(([name, value]) => ({ name, value: escapeDollars(value) }));
  for (const [secret, mode] of Object.entries(plan.spec.secrets)) {
    const optional = k8s.required[secret] === false ? { optional: true } : {};
    if (mode === 'env') env.push({ name: secret, valueFrom: { secretKeyRef: { name: k8s.secretName, key: secret, ...optional } } });
    else env.push({ name: `${secret}_FILE`, value: kubernetesSecretPath(secret) });
  }
  return sortedBy(env, (variable) => variable.name);
}

/** The container of `plan`, named `name` (its Kubernetes name). */
export function containerOf(plan: ServicePlan, k8s: KubernetesNames): PlannedContainer {
  const name = k8s.names[plan.name] ?? plan.name;
  const mounts: IVolumeMount[] = [];
  const volumes: IVolume[] = [];
  if (plan.uses.has('dataDir')) {
    mounts.push({ name: 'data', mountPath: CONTAINER_PATHS.dataDir });
    volumes.push({ name: 'data', persistentVolumeClaim: { claimName: k8s.claimName } });
  }
  if (plan.uses.has('logsDir')) {
    mounts.push({ name: 'logs', mountPath: CONTAINER_PATHS.logsDir });
    volumes.push({ name: 'logs', emptyDir: {} });
  }
  const files = Object.keys(plan.spec.secrets).filter((secret) => plan.spec.secrets[secret] === 'file').sort();
  if (files.length > 0) {
    // One projected volume per container holds exactly its own files, each optional or not as declared.
    const volume = `secrets-${name}`.slice(0, 63).replace(/-+$/, '');
    mounts.push({ name: volume, mountPath: '/run/secrets', readOnly: true });
    const sources = files.map((secret) => ({ secret: { name: k8s.secretName, items: [{ key: secret, path: secret }], ...(k8s.required[secret] === false ? { optional: true } : {}) } }));
    volumes.push({ name: volume, projected: { sources } });
  }
  const container: IContainer = { name, image: k8s.images.get(plan.name) ?? '', command: [plan.launch.file, ...plan.launch.args].map(escapeDollars) };
  const env = envOf(plan, k8s);
  if (env.length > 0) container.env = env;
  if (plan.spec.cwd !== undefined || plan.spec.image === undefined) container.workingDir = plan.launch.cwd;
  if (plan.ports.length > 0) container.ports = plan.ports.map(([port, number]) => ({ name: kubernetesPortName(port, number), containerPort: number }));
  if (mounts.length > 0) container.volumeMounts = mounts;
  return { container, volumes };
}
