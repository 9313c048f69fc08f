// Each Kubernetes mapping rule and warning, on the smallest bundle that shows it.
import { describe, expect, it } from 'vitest';
import { isBerthError } from '../errors.ts';
import { exported, fileText, kubernetesObject, kubernetesObjects, manifestOf, warningLines } from './test-bundles.ts';

type Json = Record<string, unknown>;
const node = (script: string) => ['${node}', `\${bundleDir}/${script}`];
const http = { http: { port: 'http', path: '/healthz' } };
const podOf = (object: Json) => ((object.spec as Json).template as { spec: Json }).spec;
const containerOf = (object: Json) => (podOf(object).containers as Json[])[0] ?? {};

describe('Kubernetes: objects', () => {
  const manifest = manifestOf({
    web: { command: [...node('web.mjs'), '${ports.web.http}'], ports: { http: {} }, env: { HOST: '${listenHost}', DB: '${hosts.db_main}', FILE: '${dataDir}/x' } },
    db_main: { command: node('db.mjs'), ports: { sql: { protocol: 'tcp' } } },
    worker: { image: 'python:3.13-slim', command: ['python3', '-m', 'worker'] },
    report: { kind: 'task', command: node('report.mjs'), timeout: '90s' },
  });
  const result = exported(manifest, 'kubernetes');

  it('writes a Deployment per long-lived service, one copy at a time, with a Service when it has ports', () => {
    const web = kubernetesObject(result, 'Deployment', 'web');
    const labels = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/part-of': 'dev-berth-test' };
    expect(web).toMatchObject({ apiVersion: 'apps/v1', metadata: { name: 'web', labels }, spec: { replicas: 1, strategy: { type: 'Recreate' }, selector: { matchLabels: labels } } });
    expect(podOf(web)).toMatchObject({ enableServiceLinks: false, terminationGracePeriodSeconds: 10 });
    expect(kubernetesObject(result, 'Service', 'web')).toMatchObject({ spec: { selector: labels, ports: [{ name: 'http', port: 47001, targetPort: 47001, protocol: 'TCP' }] } });
    expect(kubernetesObjects(result).filter((object) => object.kind === 'Service').map((object) => (object.metadata as Json).name)).toEqual(['db-main', 'web']);
  });

  it('runs the argv as the command of the bundle image, with hosts as Service names and listenHost as every interface', () => {
    expect(containerOf(kubernetesObject(result, 'Deployment', 'web'))).toMatchObject({
      image: 'dev-berth-test:1.0.0',
      command: ['node', '/berth/bundle/web.mjs', '47001'],
      workingDir: '/berth/bundle',
      env: [
        { name: 'DB', value: 'db-main' },
        { name: 'FILE', value: '/berth/data/x' },
        { name: 'HOST', value: '0.0.0.0' },
      ],
      ports: [{ name: 'http', containerPort: 47001 }],
      volumeMounts: [{ name: 'data', mountPath: '/berth/data' }],
    });
    expect(warningLines(result)).toContain('services.db_main: Kubernetes names it "db-main" (a DNS label), and so does ${hosts.db_main}');
  });

  it('claims a volume for ${dataDir} and mounts it where it is named', () => {
    expect(kubernetesObject(result, 'PersistentVolumeClaim', 'dev-berth-test-data')).toMatchObject({ spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    expect(podOf(kubernetesObject(result, 'Deployment', 'web')).volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'dev-berth-test-data' } }]);
  });

  it('writes a Job for a task nothing waits for: never restarted, its timeout as the deadline', () => {
    const job = kubernetesObject(result, 'Job', 'report');
    expect(job).toMatchObject({ apiVersion: 'batch/v1', spec: { backoffLimit: 0, activeDeadlineSeconds: 90 } });
    expect(podOf(job).restartPolicy).toBe('Never');
  });

  it('writes the Dockerfile of the bundle image and how to build and start it', () => {
    expect(fileText(result, 'Dockerfile')).toContain('FROM node:24-slim\nCOPY . /berth/bundle\n');
    expect(result.run).toEqual(['docker build -f Dockerfile -t dev-berth-test:1.0.0 ..', 'kubectl apply -f kubernetes.yaml']);
  });

  it('leaves the Dockerfile out when no service runs from the bundle image', () => {
    const own = exported(manifestOf({ a: { image: 'redis:7', command: ['redis-server'] } }), 'kubernetes');
    expect(own.files.map((file) => file.name)).toEqual(['kubernetes.yaml', 'README.md']);
    expect(containerOf(kubernetesObject(own, 'Deployment', 'a'))).not.toHaveProperty('workingDir');
  });

  it('escapes $ so the kubelet expands nothing', () => {
    const escaped = exported(manifestOf({ a: { command: ['${node}', '$(HOME)'], env: { X: '$${HOME} $(PATH)' } } }), 'kubernetes');
    expect(containerOf(kubernetesObject(escaped, 'Deployment', 'a'))).toMatchObject({ command: ['node', '$$(HOME)'], env: [{ name: 'X', value: '$${HOME} $$(PATH)' }] });
  });

  it('refuses two services whose Kubernetes names collide', () => {
    let caught: unknown;
    try {
      exported(manifestOf({ api_v1: { command: node('a.mjs') }, 'api-v1': { command: node('b.mjs') } }), 'kubernetes');
    } catch (error) {
      caught = error;
    }
    expect(isBerthError(caught, 'EXPORT_INVALID')).toBe(true);
    expect((caught as { details: string[] }).details).toEqual(['services.api_v1: its Kubernetes name "api-v1" is also that of services.api-v1: rename one of them']);
  });
});

describe('Kubernetes: probes', () => {
  it('maps readiness to a readiness probe plus a startup probe allowing startTimeout, and liveness to a liveness probe', () => {
    const manifest = manifestOf({ a: { command: node('a.mjs'), ports: { http: {}, tcp: { protocol: 'tcp' } }, readiness: { ...http, interval: '2s', timeout: '3s', startTimeout: '45s', failureThreshold: 2 }, liveness: { tcp: { port: 'tcp' }, interval: '15s' } } });
    expect(containerOf(kubernetesObject(exported(manifest, 'kubernetes'), 'Deployment', 'a'))).toMatchObject({
      readinessProbe: { httpGet: { path: '/healthz', port: 47000 }, periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 2 },
      startupProbe: { httpGet: { path: '/healthz', port: 47000 }, periodSeconds: 2, timeoutSeconds: 3, failureThreshold: 23 },
      livenessProbe: { tcpSocket: { port: 47001 }, periodSeconds: 15, timeoutSeconds: 1, failureThreshold: 3 },
    });
  });

  it.each([
    [{ exec: { command: ['check', '${ports.a.http}'] } }, { exec: { command: ['check', '47000'] } }],
    [{ http: { port: 'http', path: '/', host: 'example.internal' } }, { httpGet: { path: '/', port: 47000, host: 'example.internal' } }],
  ])('maps %j', (probe, expected) => {
    const container = containerOf(kubernetesObject(exported(manifestOf({ a: { command: node('a.mjs'), ports: { http: {} }, liveness: probe } }), 'kubernetes'), 'Deployment', 'a'));
    expect(container.livenessProbe).toMatchObject(expected);
  });

  it.each([
    [{ readiness: { ...http, interval: '250ms' } }, 'services.a.readiness.interval: Kubernetes counts whole seconds: 250ms becomes 1s'],
    [{ liveness: { ...http, timeout: '1500ms' } }, 'services.a.liveness.timeout: Kubernetes counts whole seconds: 1500ms becomes 2s'],
    [{ readiness: { log: 'READY' } }, 'services.a.readiness: a log probe has no Kubernetes equivalent; a counts as started'],
    [{ liveness: { log: '/up/' } }, 'services.a.liveness: a log probe has no Kubernetes equivalent; it is left out'],
  ])('warns: %j', (probes, warning) => {
    expect(warningLines(exported(manifestOf({ a: { command: node('a.mjs'), ports: { http: {} }, ...probes } }), 'kubernetes'))).toContain(warning);
  });
});

describe('Kubernetes: dependency order', () => {
  const manifest = manifestOf({
    db: { command: node('db.mjs'), ports: { http: {} }, readiness: http },
    quiet: { command: node('quiet.mjs') },
    migrate: { kind: 'task', command: node('migrate.mjs'), dependsOn: { db: 'ready' }, timeout: '5m', when: ['upgrade'] },
    api: { command: node('api.mjs'), ports: { http: {} }, dependsOn: { db: 'ready', migrate: 'completed', quiet: 'started' } },
    ui: { command: node('ui.mjs'), dependsOn: { api: 'started', migrate: 'completed' } },
  });
  const result = exported(manifest, 'kubernetes');
  const initOf = (name: string) => (podOf(kubernetesObject(result, 'Deployment', name)).initContainers as Json[]).map((container) => container.name);

  it('waits for each service dependency and runs each task dependency first, in order, each once', () => {
    expect(initOf('api')).toEqual(['wait-for-db', 'migrate']);
    expect(initOf('ui')).toEqual(['wait-for-api', 'wait-for-db', 'migrate']);
  });

  it('waits through the Service: a connection to it reaches only a ready pod', () => {
    const wait = (podOf(kubernetesObject(result, 'Deployment', 'api')).initContainers as Json[])[0] ?? {};
    expect(wait).toMatchObject({ image: 'node:24-slim', command: ['node', '-e', expect.stringContaining('require(\'net\').connect(47001,"db"')] });
  });

  it('gives a task run as an init container no Job of its own', () => {
    expect(kubernetesObjects(result).some((object) => object.kind === 'Job')).toBe(false);
  });

  it('says what does not map', () => {
    expect(warningLines(result)).toEqual(
      expect.arrayContaining([
        'services.api.dependsOn.quiet: Kubernetes can wait for another pod only through its address, and quiet declares no port: api does not wait for quiet',
        'services.ui.dependsOn.api: Kubernetes has no "started" across pods: ui waits until api\'s Service accepts connections, that is until api is ready',
        'services.migrate: runs as an init container of each of the pods of api, ui (concurrently: it must be safe to run twice at once), before it starts; the kubelet retries a failure with back-off where Berth would leave the task failed',
        'services.migrate.timeout: an init container has no time limit: migrate may run longer than 5m',
        'services.migrate.when: Kubernetes keeps no first-start or upgrade memory: migrate runs at every start, so it must be idempotent',
      ]),
    );
  });
});

describe('Kubernetes: secrets, restarts, stops, shared data', () => {
  it('takes "env" secrets from the bundle Secret and mounts "file" secrets at /run/secrets, each container only its own', () => {
    const manifest = manifestOf(
      { a: { command: node('a.mjs'), secrets: { TOKEN: 'env', KEY: 'file', OPTIONAL: 'file' } } },
      { secrets: { TOKEN: { generate: 16 }, KEY: { prompt: 'Key' }, OPTIONAL: { env: 'OPT', required: false } } },
    );
    const result = exported(manifest, 'kubernetes');
    const deployment = kubernetesObject(result, 'Deployment', 'a');
    expect(containerOf(deployment)).toMatchObject({
      env: [
        { name: 'KEY_FILE', value: '/run/secrets/KEY' },
        { name: 'OPTIONAL_FILE', value: '/run/secrets/OPTIONAL' },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'dev-berth-test-secrets', key: 'TOKEN' } } },
      ],
      volumeMounts: [{ name: 'secrets-a', mountPath: '/run/secrets', readOnly: true }],
    });
    expect(podOf(deployment).volumes).toEqual([
      {
        name: 'secrets-a',
        projected: {
          sources: [
            { secret: { name: 'dev-berth-test-secrets', items: [{ key: 'KEY', path: 'KEY' }] } },
            { secret: { name: 'dev-berth-test-secrets', items: [{ key: 'OPTIONAL', path: 'OPTIONAL' }], optional: true } },
          ],
        },
      },
    ]);
    expect(result.run).toContain('kubectl create secret generic dev-berth-test-secrets --from-file=secrets/');
    expect(result.secrets.map((secret) => secret.file)).toEqual(['secrets/KEY', 'secrets/OPTIONAL', 'secrets/TOKEN']);
  });

  it.each([
    ['on-failure', 'a Deployment restarts its container after every exit (restartPolicy Always), so "on-failure" does not map; it restarts with back-off (10 s doubling to 5 min) and no crash-loop limit: 5 restarts in 1m does not map'],
    ['always', 'Kubernetes restarts with back-off (10 s doubling to 5 min) and no crash-loop limit: 5 restarts in 1m does not map'],
  ] as const)('restart policy %s', (policy, warning) => {
    expect(warningLines(exported(manifestOf({ a: { command: node('a.mjs'), restart: { policy } } }), 'kubernetes'))).toContain(`services.a.restart: ${warning}`);
  });

  it('gives the grace period in seconds and names a stop signal it cannot set', () => {
    const result = exported(manifestOf({ a: { command: node('a.mjs'), shutdown: { signal: 'SIGQUIT', timeout: '2500ms' } } }), 'kubernetes');
    expect(podOf(kubernetesObject(result, 'Deployment', 'a')).terminationGracePeriodSeconds).toBe(3);
    expect(warningLines(result)).toContain("services.a.shutdown.signal: Kubernetes stops a container with its image's STOPSIGNAL (SIGTERM unless the image says otherwise): set STOPSIGNAL SIGQUIT in the image");
  });

  it('keeps ${logsDir} in an emptyDir, and says it goes with the pod', () => {
    const result = exported(manifestOf({ a: { command: node('a.mjs'), env: { LOGS: '${logsDir}' } } }), 'kubernetes');
    expect(podOf(kubernetesObject(result, 'Deployment', 'a')).volumes).toEqual([{ name: 'logs', emptyDir: {} }]);
    expect(warningLines(result)).toContain('services.a: ${logsDir} is an emptyDir in Kubernetes: it outlives a container restart, not the pod (kubectl logs keeps the output)');
  });

  it('warns when several pods mount the ReadWriteOnce data claim', () => {
    const result = exported(manifestOf({ a: { command: node('a.mjs'), env: { D: '${dataDir}' } }, b: { command: node('b.mjs'), cwd: '${dataDir}' } }), 'kubernetes');
    expect(warningLines(result)).toContain('services.b: shares ${dataDir} (PersistentVolumeClaim dev-berth-test-data, ReadWriteOnce) with a: the pods must run on one node, or give the claim a ReadWriteMany storage class');
  });
});
