/**
 * k8s/ renders with kustomize and every rendered object is a valid Kubernetes object (schemas of the
 * kubernetes-models package); the NATS server configurations pass `nats-server -t`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toolPath } from '../../libs/testing/src/binaries';
import { OVERLAYS, ROOT, kustomize, overlayObjects, podTemplates, type Json } from './support';

interface ModelClass {
  new (data: Json): { validate(): void };
}

/** The kubernetes-models class for an object's apiVersion and kind; undefined for kinds it does not know. */
function modelClass(apiVersion: string, kind: string): ModelClass | undefined {
  try {
    const module = require(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, ModelClass>; // eslint-disable-line @typescript-eslint/no-require-imports
    return module[kind];
  } catch {
    return undefined;
  }
}

export function schemaProblems(objects: Json[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const id = `${object.apiVersion ?? '?'} ${object.kind ?? '?'} ${object.metadata?.name ?? '?'}`;
    const Model =
      typeof object.apiVersion === 'string' && typeof object.kind === 'string' ? modelClass(object.apiVersion, object.kind) : undefined;
    if (!Model) {
      problems.push(`${id}: unknown apiVersion/kind (no schema to validate it against)`);
      continue;
    }
    try {
      new Model(object).validate();
    } catch (error) {
      problems.push(`${id}: ${(error as Error).message}`);
    }
  }
  return problems;
}

describe('k8s/ renders offline with kustomize', () => {
  it.each(['k8s/base', ...OVERLAYS.map((o) => `k8s/overlays/${o}`)])('%s renders', (dir) => {
    const objects = kustomize(dir);
    expect(objects.length).toBeGreaterThan(40);
    expect(objects.filter((o) => o.kind === 'Namespace').map((o) => o.metadata.name)).toEqual(['kitos']);
    // everything namespaced lands in the one namespace
    const cluster = new Set(['Namespace']);
    expect(
      objects.filter((o) => !cluster.has(o.kind) && o.metadata.namespace !== 'kitos').map((o) => `${o.kind}/${o.metadata.name}`),
    ).toEqual([]);
  });
});

describe('every rendered object validates against the Kubernetes schemas', () => {
  it.each(OVERLAYS)('overlay %s', (overlay) => {
    expect(schemaProblems(overlayObjects(overlay))).toEqual([]);
  });

  it('the check rejects a wrong type, a missing required field and an unknown kind', () => {
    const deployment = overlayObjects('dev').find((o) => o.kind === 'Deployment')!;
    const broken = structuredClone(deployment);
    broken.spec.template.spec.containers[0].ports[0].containerPort = 'x8102';
    const noSelector = structuredClone(deployment);
    delete noSelector.spec.selector;
    const problems = schemaProblems([broken, noSelector, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }]);
    expect(problems).toEqual([
      expect.stringMatching(/containerPort must be integer/),
      expect.stringMatching(/spec must have required property '?selector'?/),
      expect.stringMatching(/Widget w: unknown apiVersion\/kind/),
    ]);
  });
});

describe('production overlay', () => {
  const objects = () => overlayObjects('prod');

  it('pins every image to a tag (no latest, no dev builds)', () => {
    const images = podTemplates(objects()).flatMap((w) =>
      [...(w.template.spec.initContainers ?? []), ...w.template.spec.containers].map((c: Json) => c.image as string),
    );
    expect(images.length).toBeGreaterThan(10);
    for (const image of images) expect(image).toMatch(/^[^:@]+(:(?!latest$)(?!dev$)[\w.-]+|@sha256:[0-9a-f]{64})$/);
  });

  it('runs a 3-node NATS cluster and a 3-member MongoDB replica set, with EVENT_STREAM_REPLICAS=3 and NODE_ENV=production', () => {
    const statefulSet = (name: string) => objects().find((o) => o.kind === 'StatefulSet' && o.metadata.name === name)!;
    expect(statefulSet('nats').spec.replicas).toBe(3);
    expect(statefulSet('mongodb').spec.replicas).toBe(3);
    const config = objects().find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('kitos-config'))!;
    expect(config.data).toMatchObject({ EVENT_STREAM_REPLICAS: '3', NODE_ENV: 'production' });
    const natsConf = objects().find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config'))!.data[
      'nats.conf'
    ] as string;
    for (let i = 0; i < 3; i++) expect(natsConf).toContain(`nats://nats-${i}.nats-headless:6222`);
    expect(statefulSet('nats').spec.serviceName).toBe('nats-headless');
    const hosts = objects()
      .find((o) => o.kind === 'Job' && o.metadata.name === 'mongodb-init')!
      .spec.template.spec.containers[0].env.find((e: Json) => e.name === 'MONGODB_HOSTS').value as string;
    expect(hosts.split(',')).toEqual([0, 1, 2].map((i) => `mongodb-${i}.mongodb:27017`));
  });

  it('ships a mongodb-init script that is valid JavaScript (run by mongosh --file)', () => {
    const script = objects().find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('mongodb-init'))!.data['init-replica-set.js'];
    expect(() => new Function(script)).not.toThrow();
    expect(() => new Function(`${script}\n}`)).toThrow(SyntaxError);
  });

  it('keeps JetStream data and MongoDB data on persistent volumes', () => {
    for (const name of ['nats', 'mongodb']) {
      const set = objects().find((o) => o.kind === 'StatefulSet' && o.metadata.name === name)!;
      const claim = set.spec.volumeClaimTemplates?.[0];
      expect(claim?.spec.resources.requests.storage).toBeDefined();
      const mounts = set.spec.template.spec.containers[0].volumeMounts.map((m: Json) => m.name);
      expect(mounts).toContain(claim.metadata.name);
    }
  });
});

describe('NATS server configurations', () => {
  const natsServer = toolPath('nats-server');
  const check = (conf: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'kitos-nats-conf-'));
    try {
      writeFileSync(join(dir, 'nats.conf'), conf);
      execFileSync(natsServer, ['-c', join(dir, 'nats.conf'), '-t'], { env: { POD_NAME: 'nats-0' }, stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it.each(OVERLAYS)('the nats.conf rendered for %s passes `nats-server -t` and enables JetStream on /data', (overlay) => {
    const conf = overlayObjects(overlay).find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('nats-config'))!.data[
      'nats.conf'
    ];
    expect(() => check(conf)).not.toThrow();
    expect(conf).toMatch(/jetstream\s*\{[^}]*store_dir:\s*\/data/);
  });

  it('`nats-server -t` rejects a broken configuration', () => {
    const conf = readFileSync(join(ROOT, 'k8s/base/infra/nats/nats.conf'), 'utf8').replace('store_dir', 'stor_dir');
    expect(() => check(conf)).toThrow(/unknown field/);
  });
});
