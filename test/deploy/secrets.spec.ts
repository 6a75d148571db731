/**
 * Nothing secret is committed: every Secret in k8s/ (files and rendered overlays, secretGenerator literals included)
 * and every committed deployment configuration file holds placeholders or credential-free values only; credentials
 * reach the processes through Secret references.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { OVERLAYS, ROOT, overlayObjects, parseYamlDocuments, realLookingSecret, secretData, type Json } from './support';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

function secretProblems(secret: Json, origin: string): string[] {
  return Object.entries(secretData(secret)).flatMap(([key, value]) => {
    const why = realLookingSecret(key, value);
    return why ? [`${origin}: Secret ${secret.metadata?.name} key ${key}: ${why}`] : [];
  });
}

/** key=value literals of secretGenerator entries in a kustomization. */
function generatorLiterals(kustomization: Json): Array<[string, string]> {
  return (kustomization.secretGenerator ?? []).flatMap((generator: Json) =>
    (generator.literals ?? []).map((literal: string) => {
      const at = literal.indexOf('=');
      return [literal.slice(0, at), literal.slice(at + 1)] as [string, string];
    }),
  );
}

describe('no real-looking secret is committed', () => {
  const yamlFiles = files(join(ROOT, 'k8s')).filter((f) => /\.ya?ml$/.test(f));

  it('k8s/ files: Secret objects and secretGenerator literals hold placeholders or credential-free values', () => {
    const problems: string[] = [];
    for (const file of yamlFiles) {
      const origin = relative(ROOT, file);
      for (const document of parseYamlDocuments(readFileSync(file, 'utf8'), origin)) {
        if (document.kind === 'Secret') problems.push(...secretProblems(document, origin));
        for (const [key, value] of generatorLiterals(document)) {
          const why = realLookingSecret(key, value);
          if (why) problems.push(`${origin}: secretGenerator ${key}: ${why}`);
        }
        if (document.secretGenerator?.some((g: Json) => g.files?.length || g.envs?.length)) {
          problems.push(
            `${origin}: secretGenerator reads files; keep secret files out of the repository and create the Secret in the cluster`,
          );
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it.each(OVERLAYS)('rendered overlay %s: every Secret holds placeholders or credential-free values', (overlay) => {
    const problems = overlayObjects(overlay)
      .filter((o) => o.kind === 'Secret')
      .flatMap((secret) => secretProblems(secret, overlay));
    expect(problems).toEqual([]);
  });

  it('no private key or password-bearing URI anywhere in k8s/, docker-compose.yml or the Dockerfile; no password in .env.example', () => {
    const problems: string[] = [];
    for (const file of [
      ...files(join(ROOT, 'k8s')),
      join(ROOT, 'docker-compose.yml'),
      join(ROOT, 'Dockerfile'),
      join(ROOT, '.env.example'),
    ]) {
      const envFile = file.endsWith('.env.example');
      for (const [index, line] of readFileSync(file, 'utf8').split('\n').entries()) {
        const assignment = envFile ? /^\s*#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line) : null;
        const why = assignment ? realLookingSecret(assignment[1], assignment[2]) : realLookingSecret('', line);
        if (why) problems.push(`${relative(ROOT, file)}:${index + 1}: ${why}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('production references its credentials from Secrets that are not in the repository', () => {
    const objects = overlayObjects('prod');
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const referenced = new Set<string>();
    for (const workload of objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind))) {
      for (const container of [...(workload.spec.template.spec.initContainers ?? []), ...workload.spec.template.spec.containers]) {
        for (const entry of container.env ?? []) if (entry.valueFrom?.secretKeyRef) referenced.add(entry.valueFrom.secretKeyRef.name);
        for (const from of container.envFrom ?? []) if (from.secretRef) referenced.add(from.secretRef.name);
      }
    }
    expect([...referenced].sort()).toEqual(expect.arrayContaining(['catalog-mongodb', 'mongodb-root', 'mongodb-service-users']));
  });

  it('the detector flags real-looking values and accepts placeholders', () => {
    expect(realLookingSecret('MONGODB_URI', 'mongodb://catalog:s3cr3t-Pa55@mongodb-0.mongodb:27017/')).toMatch(/password for user catalog/);
    expect(realLookingSecret('tls.key', '-----BEGIN PRIVATE KEY-----\nMIIE...')).toMatch(/private key/);
    expect(realLookingSecret('password', 'hunter2hunter2')).toMatch(/not a placeholder/);
    expect(realLookingSecret('MONGODB_URI', 'mongodb://catalog:<password>@mongodb-0.mongodb:27017/')).toBeUndefined();
    expect(realLookingSecret('MONGODB_URI', 'mongodb://mongodb-0.mongodb:27017/?replicaSet=rs0')).toBeUndefined();
    expect(realLookingSecret('password', 'CHANGE_ME')).toBeUndefined();
    expect(realLookingSecret('KITOS_BOOTSTRAP_ADMIN_PASSWORD', '')).toBeUndefined();
  });
});
