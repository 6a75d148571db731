/**
 * Every process in services/ is deployed by k8s/ the way it really runs: its base directory with the required
 * objects, probes on the paths and the port it serves, every environment variable it reads set (and valid), the
 * security and shutdown settings, autoscaling and disruption budgets, and the network paths it needs — and no others.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_HTTP_PORTS, loadServiceConfig } from '@kitos/config';
import {
  OVERLAYS,
  ROOT,
  configClassOf,
  connectionAllowed,
  containerEnv,
  get,
  isDomainService,
  memoryBytes,
  outsidePod,
  overlayObjects,
  podOf,
  serviceNames,
  unsetVariablesOf,
  variablesOf,
  type EnvSource,
  type Json,
  type Overlay,
} from './support';

const services = serviceNames();
const cases = OVERLAYS.flatMap((overlay) => services.map((service) => [overlay, service] as [Overlay, string]));

/** A valid stand-in for a value held in a Secret that the operator creates (prod): only the shape is checked. */
const SECRET_STAND_IN: Record<string, string> = { MONGODB_URI: 'mongodb://user:password@mongodb-0.mongodb:27017/?replicaSet=rs0' };

function deploymentOf(overlay: Overlay, service: string): { objects: Json[]; deployment: Json; pod: Json; container: Json } {
  const objects = overlayObjects(overlay);
  const deployment = get(objects, 'Deployment', service);
  const pod = deployment.spec.template.spec;
  const container = pod.containers.find((c: Json) => c.name === service) ?? pod.containers[0];
  return { objects, deployment, pod, container };
}

/** The process environment the container gets, with stand-ins for Secret values that are not rendered. */
function processEnv(env: Map<string, EnvSource>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, source] of env) {
    if (source.kind === 'value') out[name] = source.value;
    else if (source.kind === 'configMap' && source.value !== undefined) out[name] = source.value;
    else if (source.kind === 'secret') {
      if (source.value !== undefined) out[name] = source.value;
      else if (!source.optional) out[name] = SECRET_STAND_IN[name] ?? 'stand-in-secret-value';
    }
  }
  return out;
}

function portNumber(container: Json, port: number | string): number {
  if (typeof port === 'number') return port;
  const named = (container.ports ?? []).find((p: Json) => p.name === port);
  if (!named) throw new Error(`container ${container.name} has no port named ${port}`);
  return named.containerPort;
}

describe('k8s/base has a directory per service', () => {
  it.each(services)(
    'k8s/base/%s has deployment, service, pdb, hpa, networkpolicy and kustomization, and the base includes it',
    (service) => {
      for (const file of ['deployment', 'service', 'pdb', 'hpa', 'networkpolicy', 'kustomization']) {
        expect(existsSync(join(ROOT, 'k8s', 'base', service, `${file}.yaml`))).toBe(true);
      }
      expect(readFileSync(join(ROOT, 'k8s', 'base', 'kustomization.yaml'), 'utf8')).toMatch(new RegExp(`^\\s+- ${service}\\s*$`, 'm'));
    },
  );
});

describe.each(cases)('overlay %s: %s', (overlay, service) => {
  it('has probes on the paths and the port the process serves, and a Service in front of that port', () => {
    const { objects, container } = deploymentOf(overlay, service);
    const config = loadServiceConfig(service, processEnv(containerEnv(objects, container)), configClassOf(service));
    const expectedPort = service === 'gateway' ? 8080 : DEFAULT_HTTP_PORTS[service];
    expect(config.httpPort).toBe(expectedPort);

    const probe = (name: string) => {
      const found = container[name];
      expect(found?.httpGet).toBeDefined();
      return { path: found.httpGet.path as string, port: portNumber(container, found.httpGet.port) };
    };
    expect(probe('readinessProbe')).toEqual({ path: '/health/ready', port: config.httpPort });
    expect(probe('livenessProbe')).toEqual({ path: '/health/live', port: config.httpPort });
    expect(probe('startupProbe')).toEqual({ path: '/health/live', port: config.httpPort });

    const svc = get(objects, 'Service', service);
    expect(svc.spec.selector).toEqual({ 'app.kubernetes.io/name': service });
    expect(svc.spec.ports.map((p: Json) => portNumber(container, p.targetPort ?? p.port))).toContain(config.httpPort);
    const template = get(objects, 'Deployment', service).spec.template.metadata;
    expect(template.annotations).toMatchObject({ 'prometheus.io/port': String(config.httpPort), 'prometheus.io/path': '/metrics' });
  });

  it('sets every environment variable the process reads, credentials only from Secrets, and the values are valid', () => {
    const { objects, container } = deploymentOf(overlay, service);
    const env = containerEnv(objects, container);
    const missing = variablesOf(service)
      .map((v) => v.name)
      .filter((name) => !env.has(name));
    expect(missing).toEqual([]);
    for (const variable of variablesOf(service).filter((v) => v.secret)) {
      expect([variable.name, env.get(variable.name)?.kind]).toEqual([variable.name, 'secret']);
    }
    // deliberately unset ones stay unset (e.g. no database settings for the gateway)
    expect(unsetVariablesOf(service).filter((v) => env.has(v.name))).toEqual([]);
    expect(() => loadServiceConfig(service, processEnv(env), configClassOf(service))).not.toThrow();
    if (overlay === 'prod') expect(processEnv(env)).toMatchObject({ NODE_ENV: 'production', EVENT_STREAM_REPLICAS: '3' });
    if (isDomainService(service)) expect(processEnv(env).MONGODB_DATABASE).toBe(service);
  });

  it('runs non-root with a read-only root file system, no privilege escalation and no capabilities', () => {
    const { pod, container } = deploymentOf(overlay, service);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.enableServiceLinks).toBe(false);
  });

  it('gives the shutdown time to finish: terminationGracePeriodSeconds > preStop + SHUTDOWN_GRACE_MS', () => {
    const { objects, pod, container } = deploymentOf(overlay, service);
    const config = loadServiceConfig(service, processEnv(containerEnv(objects, container)), configClassOf(service));
    const preStop: string[] = container.lifecycle?.preStop?.exec?.command ?? [];
    const preStopSeconds = preStop[0] === 'sleep' ? Number(preStop[1]) : 0;
    expect(pod.terminationGracePeriodSeconds * 1000).toBeGreaterThan(preStopSeconds * 1000 + config.shutdownGraceMs + 5000);
  });

  it('has requests and limits, and a Node heap (NODE_OPTIONS) sized to the memory limit', () => {
    const { objects, container } = deploymentOf(overlay, service);
    const { requests, limits } = container.resources ?? {};
    expect(requests?.cpu).toBeDefined();
    expect(requests?.memory).toBeDefined();
    expect(limits?.memory).toBeDefined();
    const heap = /--max-old-space-size=(\d+)/.exec(processEnv(containerEnv(objects, container)).NODE_OPTIONS ?? '');
    expect(heap).not.toBeNull();
    const ratio = (Number(heap![1]) * 2 ** 20) / memoryBytes(limits.memory);
    expect(ratio).toBeGreaterThanOrEqual(0.5);
    expect(ratio).toBeLessThanOrEqual(0.8);
  });

  it('spreads its replicas, has a PodDisruptionBudget and a CPU HorizontalPodAutoscaler', () => {
    const { objects, deployment, pod } = deploymentOf(overlay, service);
    const labels = deployment.spec.template.metadata.labels;
    expect(pod.topologySpreadConstraints?.map((c: Json) => c.topologyKey)).toContain('kubernetes.io/hostname');
    for (const constraint of pod.topologySpreadConstraints)
      expect(constraint.labelSelector.matchLabels).toEqual({ 'app.kubernetes.io/name': service });

    const pdb = get(objects, 'PodDisruptionBudget', service);
    expect(Object.entries(pdb.spec.selector.matchLabels).every(([k, v]) => labels[k] === v)).toBe(true);
    expect(pdb.spec.maxUnavailable ?? pdb.spec.minAvailable).toBeDefined();

    const hpa = get(objects, 'HorizontalPodAutoscaler', service);
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: service });
    expect(hpa.spec.metrics.map((m: Json) => m.resource?.name)).toContain('cpu');
    if (overlay === 'dev') {
      expect(deployment.spec.replicas).toBe(1);
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([1, 1]);
    } else {
      expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
    }
  });

  it('may reach NATS (and MongoDB for a domain service) and nothing else in the namespace', () => {
    const objects = overlayObjects(overlay);
    const me = podOf(objects, 'Deployment', service);
    const nats = podOf(objects, 'StatefulSet', 'nats');
    const mongodb = podOf(objects, 'StatefulSet', 'mongodb');
    expect(connectionAllowed(objects, me, nats, 4222)).toBe(true);
    expect(connectionAllowed(objects, me, nats, 6222)).toBe(false);
    expect(connectionAllowed(objects, me, mongodb, 27017)).toBe(isDomainService(service));
    for (const other of services.filter((s) => s !== service)) {
      const port = other === 'gateway' ? 8080 : DEFAULT_HTTP_PORTS[other];
      expect([other, connectionAllowed(objects, me, podOf(objects, 'Deployment', other), port)]).toEqual([other, false]);
    }
    // Prometheus scrapes it; the ingress controller reaches the gateway only
    const port = service === 'gateway' ? 8080 : DEFAULT_HTTP_PORTS[service];
    expect(connectionAllowed(objects, outsidePod('monitoring'), me, port)).toBe(true);
    expect(connectionAllowed(objects, outsidePod('ingress-nginx'), me, port)).toBe(service === 'gateway');
    expect(connectionAllowed(objects, outsidePod('elsewhere'), me, port)).toBe(false);
  });
});

describe.each(OVERLAYS)('overlay %s: the namespace', (overlay) => {
  it('denies all traffic by default and allows DNS', () => {
    const objects = overlayObjects(overlay);
    const deny = objects.find(
      (o) => o.kind === 'NetworkPolicy' && Object.keys(o.spec.podSelector ?? {}).length === 0 && !o.spec.ingress && !o.spec.egress,
    );
    expect(deny?.spec.policyTypes).toEqual(expect.arrayContaining(['Ingress', 'Egress']));
    const dns = outsidePod('kube-system', { 'k8s-app': 'kube-dns' });
    expect(connectionAllowed(objects, podOf(objects, 'Deployment', 'catalog'), dns, 53, 'UDP')).toBe(true);
    expect(connectionAllowed(objects, podOf(objects, 'Deployment', 'catalog'), outsidePod('elsewhere'), 443)).toBe(false);
  });

  it('lets the NATS servers and the MongoDB members talk to each other, and nobody outside reach them', () => {
    const objects = overlayObjects(overlay);
    const nats = podOf(objects, 'StatefulSet', 'nats');
    const mongodb = podOf(objects, 'StatefulSet', 'mongodb');
    expect(connectionAllowed(objects, nats, nats, 6222)).toBe(true);
    expect(connectionAllowed(objects, mongodb, mongodb, 27017)).toBe(true);
    expect(connectionAllowed(objects, podOf(objects, 'Job', 'mongodb-init'), mongodb, 27017)).toBe(true);
    expect(connectionAllowed(objects, outsidePod('ingress-nginx'), nats, 4222)).toBe(false);
    expect(connectionAllowed(objects, outsidePod('ingress-nginx'), mongodb, 27017)).toBe(false);
    expect(connectionAllowed(objects, nats, mongodb, 27017)).toBe(false);
  });

  it('routes the Ingress to the gateway Service on the gateway port, /api only', () => {
    const objects = overlayObjects(overlay);
    const ingress = get(objects, 'Ingress', 'gateway');
    const paths = ingress.spec.rules.flatMap((r: Json) => r.http.paths);
    expect(paths.map((p: Json) => p.path)).toEqual(['/api']);
    const backend = paths[0].backend.service;
    expect(backend.name).toBe('gateway');
    const svc = get(objects, 'Service', 'gateway');
    const port = svc.spec.ports.find((p: Json) => p.name === backend.port.name || p.port === backend.port.number);
    expect(port).toBeDefined();
  });
});

describe('the network check itself', () => {
  it('notices a missing allow rule and a missing default deny', () => {
    const objects = structuredClone(overlayObjects('prod'));
    const catalog = podOf(objects, 'Deployment', 'catalog');
    const nats = podOf(objects, 'StatefulSet', 'nats');
    const policy = objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'catalog')!;
    policy.spec.egress = policy.spec.egress.filter((rule: Json) => !rule.ports.some((p: Json) => p.port === 4222));
    expect(connectionAllowed(objects, catalog, nats, 4222)).toBe(false);
    const withoutPolicies = objects.filter((o) => o.kind !== 'NetworkPolicy');
    expect(connectionAllowed(withoutPolicies, outsidePod('elsewhere'), catalog, 8102)).toBe(true);
  });
});
