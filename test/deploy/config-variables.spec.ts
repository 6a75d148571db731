/**
 * configVariables() — the list the deployment checks are built on — names exactly the variables the config loader
 * reads, for every process, and drops nothing without a reason.
 */
import { ConfigError, ServiceConfig, configVariables, loadServiceConfig, unsetConfigVariables } from '@kitos/config';
import { configClassOf, serviceNames, unsetVariablesOf, variablesOf } from './support';

const SAMPLES: Record<string, string> = {
  NODE_ENV: 'test',
  NATS_URL: 'nats://other-nats:4222',
  MONGODB_URI: 'mongodb://other-mongodb:27017/',
  MONGODB_DATABASE: 'other_db',
  LOG_LEVEL: 'debug',
  KITOS_BOOTSTRAP_ADMIN_EMAIL: 'admin@example.org',
};

/** A valid value different from the default, as far as it can be guessed. */
function sample(name: string, defaultValue: string): string {
  if (SAMPLES[name]) return SAMPLES[name];
  if (/^\d+$/.test(defaultValue)) return String(Number(defaultValue) + 1);
  return `sample-${name.toLowerCase().replace(/_/g, '-')}-value`;
}

describe.each(serviceNames())('configVariables(%s)', (service) => {
  it('covers every property of the config class: used, or left unset with a reason', () => {
    const cls = configClassOf(service);
    const properties = Object.keys(new cls()).sort();
    const covered = [...variablesOf(service).map((v) => v.property), ...unsetVariablesOf(service).map((v) => v.property)];
    expect([...new Set(covered)].sort()).toEqual(properties);
    for (const unset of unsetVariablesOf(service)) expect(unset.reason.length).toBeGreaterThan(10);
    expect(new Set(variablesOf(service).map((v) => v.name)).size).toBe(variablesOf(service).length);
  });

  it('names exactly what the loader reads: each variable changes the loaded value or is refused by name', () => {
    const cls = configClassOf(service);
    const base = loadServiceConfig(service, {}, cls) as unknown as Record<string, unknown>;
    for (const variable of variablesOf(service)) {
      const value = sample(variable.name, variable.defaultValue);
      try {
        const loaded = loadServiceConfig(service, { [variable.name]: value }, cls) as unknown as Record<string, unknown>;
        expect([variable.name, loaded[variable.property] !== base[variable.property]]).toEqual([variable.name, true]);
        expect([variable.name, String(loaded[variable.property])]).toEqual([variable.name, value]);
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        expect(error.problems.some((p) => p.startsWith(`${variable.name}:`))).toBe(true);
      }
    }
  });

  it('gives the defaults the loader uses', () => {
    const loaded = loadServiceConfig(service, {}, configClassOf(service)) as unknown as Record<string, unknown>;
    for (const variable of variablesOf(service)) {
      const actual = variable.property === 'mongodbDatabase' ? (loaded as unknown as ServiceConfig).database : loaded[variable.property];
      expect([variable.name, actual === undefined ? '' : String(actual)]).toEqual([variable.name, variable.defaultValue]);
    }
  });
});

describe('configVariables', () => {
  it('gives the gateway PORT instead of HTTP_PORT and no database settings; nobody gets SERVICE', () => {
    const names = configVariables('gateway').map((v) => v.name);
    expect(names).toContain('PORT');
    expect(names).not.toEqual(expect.arrayContaining(['HTTP_PORT']));
    expect(names.filter((n) => n.startsWith('MONGODB_'))).toEqual([]);
    expect(unsetConfigVariables('gateway').map((v) => v.name)).toEqual(['SERVICE', 'MONGODB_URI', 'MONGODB_DATABASE', 'HTTP_PORT']);
    expect(configVariables('catalog').map((v) => v.name)).toEqual(expect.arrayContaining(['HTTP_PORT', 'MONGODB_URI', 'MONGODB_DATABASE']));
    expect(configVariables('catalog').find((v) => v.name === 'MONGODB_URI')?.secret).toBe(true);
  });
});
