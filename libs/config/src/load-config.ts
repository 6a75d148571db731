import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync } from 'class-validator';
import { ServiceConfig } from './service-config';

const toEnvName = (property: string) => property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads a config class from an environment record: each property `fooBar` comes from FOO_BAR when set,
 * otherwise keeps its default. Throws ConfigError listing every problem at once.
 */
export function loadConfig<T extends ServiceConfig>(
  cls: ClassConstructor<T>,
  service: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  defaults: Partial<Record<keyof T, unknown>> = {},
): T {
  const template = new cls();
  const plain: Record<string, unknown> = {};
  for (const property of Object.keys(template)) {
    const fromEnv = env[toEnvName(property)];
    if (fromEnv !== undefined && fromEnv !== '') plain[property] = fromEnv;
    else if (property in defaults) plain[property] = defaults[property as keyof T];
  }
  const config = plainToInstance(cls, plain, { exposeDefaultValues: true });
  config.service = service;
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length) {
    throw new ConfigError(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${toEnvName(e.property)}: ${m}`)));
  }
  if (config.nodeEnv === 'production' && !env.NATS_URL) throw new ConfigError(['NATS_URL: must be set in production']);
  if (config.nodeEnv === 'production' && !env.MONGODB_URI && service !== 'gateway') {
    throw new ConfigError(['MONGODB_URI: must be set in production']);
  }
  return config;
}

/** Default HTTP (health/metrics) port of each process when running everything on one machine. */
export const DEFAULT_HTTP_PORTS: Readonly<Record<string, number>> = {
  gateway: 8080,
  identity: 8101,
  catalog: 8102,
  contracts: 8103,
  projects: 8104,
  gdpr: 8105,
  archiving: 8106,
  reporting: 8107,
};

export function loadServiceConfig<T extends ServiceConfig = ServiceConfig>(
  service: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
  cls: ClassConstructor<T> = ServiceConfig as ClassConstructor<T>,
): T {
  const httpPort = service === 'gateway' ? (env.PORT ?? DEFAULT_HTTP_PORTS.gateway) : DEFAULT_HTTP_PORTS[service];
  return loadConfig(cls, service, env, { httpPort } as Partial<Record<keyof T, unknown>>);
}
