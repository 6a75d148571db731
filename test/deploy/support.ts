/**
 * Helpers for the offline deployment checks (test/deploy/*.spec.ts): rendering k8s/ with `kubectl kustomize`,
 * reading docker-compose.yml like compose does (YAML merge keys, ${VAR:-default} interpolation), resolving the
 * environment of a container, and evaluating NetworkPolicies. Nothing here needs a cluster, an engine or a network.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ClassConstructor } from 'class-transformer';
import { parse, parseAllDocuments } from 'yaml';
import { ServiceConfig, configVariables, unsetConfigVariables, type ConfigVariable } from '@kitos/config';

export const ROOT = join(__dirname, '..', '..');
export const OVERLAYS = ['dev', 'prod'] as const;
export type Overlay = (typeof OVERLAYS)[number];

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every process of the system: the directories of services/ (the gateway included). */
export function serviceNames(): string[] {
  return readdirSync(join(ROOT, 'services'))
    .filter((name) => statSync(join(ROOT, 'services', name)).isDirectory() && existsSync(join(ROOT, 'services', name, 'src', 'main.ts')))
    .sort();
}

export const isDomainService = (service: string) => service !== 'gateway';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !/\.(e2e-)?spec\.ts$/.test(entry.name) ? [path] : [];
  });
}

const configClasses = new Map<string, ClassConstructor<ServiceConfig>>();

/**
 * The config class a service loads: a subclass of ServiceConfig declared in the service's own sources (e.g.
 * IdentityConfig in services/identity/src/identity.config.ts), otherwise ServiceConfig itself.
 */
export function configClassOf(service: string): ClassConstructor<ServiceConfig> {
  const cached = configClasses.get(service);
  if (cached) return cached;
  const found: Array<ClassConstructor<ServiceConfig>> = [];
  for (const file of sourceFiles(join(ROOT, 'services', service, 'src'))) {
    if (!/\bextends\s+ServiceConfig\b/.test(readFileSync(file, 'utf8'))) continue;
    const exported = require(file) as Record<string, unknown>; // eslint-disable-line @typescript-eslint/no-require-imports
    for (const value of Object.values(exported)) {
      if (typeof value === 'function' && value.prototype instanceof ServiceConfig) found.push(value as ClassConstructor<ServiceConfig>);
    }
  }
  // the most derived class, when one extends another
  const cls =
    found.find((candidate) => found.every((other) => other === candidate || !(other.prototype instanceof candidate))) ?? ServiceConfig;
  configClasses.set(service, cls);
  return cls;
}

export const variablesOf = (service: string): ConfigVariable[] => configVariables(service, configClassOf(service));
export const unsetVariablesOf = (service: string) => unsetConfigVariables(service, configClassOf(service));

// ------------------------------------------------------------------------------------------------------------ k8s

let kubectlChecked = false;
const renders = new Map<string, Json[]>();

/** Objects rendered by `kubectl kustomize <dir>` (dir relative to the repository root); cached per test file. */
export function kustomize(dir: string): Json[] {
  const cached = renders.get(dir);
  if (cached) return cached;
  if (!kubectlChecked) {
    try {
      execFileSync('kubectl', ['version', '--client'], { stdio: 'pipe' });
    } catch {
      throw new Error(
        'kubectl is not on PATH (or does not run): the k8s/ checks render the manifests offline with `kubectl kustomize`. Install kubectl ' +
          '(e.g. the Debian/Ubuntu package from the Kubernetes apt repository pkgs.k8s.io, or the kubectl binary on PATH); ' +
          'no cluster is needed.',
      );
    }
    kubectlChecked = true;
  }
  let text: string;
  try {
    text = execFileSync('kubectl', ['kustomize', join(ROOT, dir)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 32 << 20,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer | string }).stderr?.toString() ?? '';
    throw new Error(`kubectl kustomize ${dir} failed:\n${stderr || (error as Error).message}`, { cause: error });
  }
  const objects = parseYamlDocuments(text, dir);
  renders.set(dir, objects);
  return objects;
}

export function parseYamlDocuments(text: string, origin: string): Json[] {
  return parseAllDocuments(text).flatMap((doc) => {
    if (doc.errors.length) throw new Error(`${origin}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as Json | null;
    return value ? [value] : [];
  });
}

export const overlayObjects = (overlay: Overlay) => kustomize(`k8s/overlays/${overlay}`);

export function find(objects: Json[], kind: string, name: string): Json | undefined {
  return objects.find((o) => o.kind === kind && o.metadata?.name === name);
}

export function get(objects: Json[], kind: string, name: string): Json {
  const found = find(objects, kind, name);
  if (!found) throw new Error(`no ${kind} ${name} in the rendered objects`);
  return found;
}

/** Pod templates of the workloads, with their kind and name. */
export function podTemplates(objects: Json[]): Array<{ kind: string; name: string; namespace: string; template: Json }> {
  return objects
    .filter((o) => ['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(o.kind))
    .map((o) => ({ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace ?? 'default', template: o.spec.template }));
}

export type EnvSource =
  | { readonly kind: 'value'; readonly value: string }
  | { readonly kind: 'configMap'; readonly name: string; readonly key: string; readonly value: string | undefined }
  | { readonly kind: 'secret'; readonly name: string; readonly key: string; readonly value: string | undefined; readonly optional: boolean }
  | { readonly kind: 'field'; readonly path: string };

function secretData(secret: Json): Record<string, string> {
  const data: Record<string, string> = {};
  for (const [key, value] of Object.entries<string>(secret.data ?? {})) data[key] = Buffer.from(value, 'base64').toString('utf8');
  return { ...data, ...(secret.stringData ?? {}) };
}

/**
 * The environment of a container as Kubernetes builds it: envFrom (ConfigMaps and Secrets, resolved from the rendered
 * objects when they are there) first, then env entries overriding them. A Secret that is not rendered (prod: created
 * by the operator) contributes the keys named in secretKeyRef only, with an unknown value.
 */
export function containerEnv(objects: Json[], container: Json): Map<string, EnvSource> {
  const env = new Map<string, EnvSource>();
  for (const from of container.envFrom ?? []) {
    const prefix: string = from.prefix ?? '';
    if (from.configMapRef) {
      const map = get(objects, 'ConfigMap', from.configMapRef.name);
      for (const [key, value] of Object.entries<string>(map.data ?? {})) {
        env.set(prefix + key, { kind: 'configMap', name: map.metadata.name, key, value });
      }
    }
    if (from.secretRef) {
      const secret = find(objects, 'Secret', from.secretRef.name);
      if (!secret) throw new Error(`envFrom secretRef ${from.secretRef.name}: the Secret is not rendered, so its keys are unknown`);
      for (const [key, value] of Object.entries(secretData(secret))) {
        env.set(prefix + key, { kind: 'secret', name: secret.metadata.name, key, value, optional: false });
      }
    }
  }
  for (const entry of container.env ?? []) {
    if (entry.valueFrom?.secretKeyRef) {
      const ref = entry.valueFrom.secretKeyRef;
      const secret = find(objects, 'Secret', ref.name);
      const value = secret ? secretData(secret)[ref.key] : undefined;
      env.set(entry.name, { kind: 'secret', name: ref.name, key: ref.key, value, optional: ref.optional === true });
    } else if (entry.valueFrom?.configMapKeyRef) {
      const ref = entry.valueFrom.configMapKeyRef;
      const map = find(objects, 'ConfigMap', ref.name);
      env.set(entry.name, { kind: 'configMap', name: ref.name, key: ref.key, value: map?.data?.[ref.key] });
    } else if (entry.valueFrom?.fieldRef) {
      env.set(entry.name, { kind: 'field', path: entry.valueFrom.fieldRef.fieldPath });
    } else {
      env.set(entry.name, { kind: 'value', value: String(entry.value ?? '') });
    }
  }
  return env;
}

/** Memory quantity (e.g. 512Mi, 1G) in bytes. */
export function memoryBytes(quantity: string | number): number {
  if (typeof quantity === 'number') return quantity;
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(quantity);
  if (!match) throw new Error(`unsupported memory quantity ${quantity}`);
  const factor: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(match[1]) * (match[2] ? factor[match[2]] : 1);
}

// ------------------------------------------------------------------------------------------------ NetworkPolicy

export interface Pod {
  readonly namespace: string;
  readonly namespaceLabels: Record<string, string>;
  readonly labels: Record<string, string>;
}

export function podOf(objects: Json[], kind: string, name: string): Pod {
  const workload = get(objects, kind, name);
  const namespace = workload.metadata.namespace ?? 'default';
  return {
    namespace,
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
    labels: workload.spec.template.metadata?.labels ?? {},
  };
}

export const outsidePod = (namespace: string, labels: Record<string, string> = {}): Pod => ({
  namespace,
  namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
  labels,
});

export function selects(selector: Json | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  for (const [key, value] of Object.entries<string>(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = expression.key in labels;
    const value = labels[expression.key];
    switch (expression.operator) {
      case 'In':
        if (!has || !expression.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && expression.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`unsupported selector operator ${expression.operator}`);
    }
  }
  return true;
}

function peerMatches(peer: Json, policyNamespace: string, pod: Pod): boolean {
  if (peer.ipBlock) return false; // not modelled: pods are addressed by labels here
  const namespaceOk = peer.namespaceSelector ? selects(peer.namespaceSelector, pod.namespaceLabels) : pod.namespace === policyNamespace;
  return namespaceOk && selects(peer.podSelector, pod.labels);
}

function portMatches(ports: Json[] | undefined, port: number, protocol: string): boolean {
  if (!ports?.length) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    if (typeof p.port !== 'number') throw new Error(`named port ${p.port} in a NetworkPolicy is not supported by this check`);
    return p.endPort ? port >= p.port && port <= p.endPort : port === p.port;
  });
}

function policyTypes(policy: Json): string[] {
  return policy.spec.policyTypes ?? (policy.spec.egress ? ['Ingress', 'Egress'] : ['Ingress']);
}

/** Whether `from` may open a connection to `to` on `port` under the NetworkPolicies in `objects`. */
export function connectionAllowed(objects: Json[], from: Pod, to: Pod, port: number, protocol = 'TCP'): boolean {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const side = (pod: Pod, type: 'Ingress' | 'Egress', other: Pod): boolean => {
    const applying = policies.filter(
      (p) =>
        (p.metadata.namespace ?? 'default') === pod.namespace && selects(p.spec.podSelector, pod.labels) && policyTypes(p).includes(type),
    );
    if (!applying.length) return true;
    return applying.some((p) =>
      (type === 'Ingress' ? (p.spec.ingress ?? []) : (p.spec.egress ?? [])).some((rule: Json) => {
        const peers: Json[] | undefined = type === 'Ingress' ? rule.from : rule.to;
        const peerOk = !peers?.length || peers.some((peer) => peerMatches(peer, p.metadata.namespace ?? 'default', other));
        return peerOk && portMatches(rule.ports, port, protocol);
      }),
    );
  };
  return side(from, 'Egress', to) && side(to, 'Ingress', from);
}

// -------------------------------------------------------------------------------------------------------- compose

export function loadCompose(): Json {
  const text = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
  return parse(text, { merge: true }) as Json;
}

/** The ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?err} references of a compose string (nested defaults included). */
export function interpolationVariables(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  for (const match of text.matchAll(/(?<!\$)\$([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(match[1]);
  return [...names].sort();
}

/** Compose's variable substitution (the subset compose 1.29 and the spec share), from `env`. */
export function interpolate(value: string, env: Readonly<Record<string, string | undefined>>): string {
  let out = '';
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '$') {
      out += value[i++];
      continue;
    }
    if (value[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (value[i + 1] === '{') {
      let depth = 1;
      let j = i + 2;
      for (; j < value.length && depth; j++) {
        if (value[j] === '{') depth++;
        else if (value[j] === '}') depth--;
      }
      if (depth) throw new Error(`unterminated \${ in ${value}`);
      const body = value.slice(i + 2, j - 1);
      const match = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
      if (!match) throw new Error(`invalid interpolation \${${body}}`);
      const [, name, operator, rest = ''] = match;
      const current = env[name];
      const unset = current === undefined;
      const empty = unset || current === '';
      switch (operator) {
        case undefined:
          out += current ?? '';
          break;
        case ':-':
          out += empty ? interpolate(rest, env) : current;
          break;
        case '-':
          out += unset ? interpolate(rest, env) : current;
          break;
        case ':?':
        case '?':
          if (operator === ':?' ? empty : unset) throw new Error(`required variable ${name}: ${rest}`);
          out += current;
          break;
        case ':+':
          out += empty ? '' : interpolate(rest, env);
          break;
        case '+':
          out += unset ? '' : interpolate(rest, env);
          break;
      }
      i = j;
      continue;
    }
    const match = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(value.slice(i));
    if (!match) throw new Error(`invalid $ in ${value}`);
    out += env[match[1]] ?? '';
    i += match[0].length;
  }
  return out;
}

/** The environment mapping of a compose service (list or map form), interpolated from `env`. */
export function composeEnvironment(service: Json, env: Readonly<Record<string, string | undefined>> = {}): Record<string, string> {
  const raw = service.environment ?? {};
  const entries: Array<[string, unknown]> = Array.isArray(raw)
    ? raw.map((item: string) => {
        const at = item.indexOf('=');
        return at < 0 ? [item, undefined] : [item.slice(0, at), item.slice(at + 1)];
      })
    : Object.entries(raw);
  const out: Record<string, string> = {};
  for (const [key, value] of entries) out[key] = value === undefined || value === null ? (env[key] ?? '') : interpolate(String(value), env);
  return out;
}

/** Variables documented in .env.example (commented-out `# NAME=` lines count). */
export function envExampleVariables(): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n')) {
    const match = /^#?\s*([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) vars.set(match[1], match[2]);
  }
  return vars;
}

// -------------------------------------------------------------------------------------------------------- secrets

const PLACEHOLDER = /^(|<[^<>]+>|\$\{[A-Z0-9_]+\}|.*(CHANGE[_-]?ME|REPLACE[_-]?ME|PLACEHOLDER).*)$/i;

/**
 * Why a value of a Secret (or of a committed configuration file) looks like a real credential, or undefined when it
 * does not: a private key, a URI with a password that is not a placeholder, or any non-placeholder value under a
 * key that names a password, token or key.
 */
export function realLookingSecret(key: string, value: string): string | undefined {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value)) return 'contains a private key';
  for (const match of value.matchAll(/[a-z][a-z0-9+.-]*:\/\/([^:/@\s]+):([^@\s]*)@/gi)) {
    if (!PLACEHOLDER.test(decodeURIComponent(match[2]))) return `URI with a password for user ${match[1]}`;
  }
  if (/PASSWORD|SECRET|TOKEN$|PRIVATE|KEYFILE|API_KEY|^password$|^keyfile$|^tls\.key$/i.test(key) && !PLACEHOLDER.test(value.trim())) {
    return `${key} holds a value that is not a placeholder`;
  }
  return undefined;
}

export { secretData };
