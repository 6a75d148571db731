import type { ClassConstructor } from 'class-transformer';
import { DEFAULT_HTTP_PORTS } from './load-config';
import { ServiceConfig } from './service-config';

/** The environment variable a config property is read from: `natsUrl` ← NATS_URL (the same rule as loadConfig). */
export const configEnvName = (property: string): string => property.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** One environment variable a process reads and uses. */
export interface ConfigVariable {
  /** Environment variable, e.g. NATS_URL. */
  readonly name: string;
  /** Property of the config class it sets. */
  readonly property: string;
  /** Value the process uses when the variable is unset or empty, as text ('' when there is none). */
  readonly defaultValue: string;
  /** Carries credentials or key material: comes from a Secret, never from a ConfigMap or a committed file. */
  readonly secret: boolean;
}

/** A variable the loader would read but that deployments deliberately leave unset for this process, and why. */
export interface UnsetConfigVariable {
  readonly name: string;
  readonly property: string;
  readonly reason: string;
}

/**
 * Properties holding credentials (by name; MONGODB_URI because it embeds the service's database user, the inline SAML
 * SP private keys because they are key material — their `…_FILE` variants are paths and not secret).
 */
const SECRET_PROPERTIES = new Set(['mongodbUri', 'samlSpSigningKey', 'samlSpDecryptionKey']);
const SECRET_NAME = /PASSWORD|SECRET|PRIVATE_KEY|CREDENTIAL|API_KEY/;

/** Properties that are read by the loader but have no effect for a process, with the reason. */
function unsetReason(service: string, property: string): string | undefined {
  if (property === 'service') return 'set by the process itself from its own name; a SERVICE variable would be overwritten';
  if (service === 'gateway' && (property === 'mongodbUri' || property === 'mongodbDatabase')) {
    return 'the gateway has no database (it only talks to NATS)';
  }
  if (service === 'gateway' && property === 'httpPort') {
    return 'the gateway takes its port from PORT; HTTP_PORT, when set, would override it, so leave it unset';
  }
  return undefined;
}

function defaultText(service: string, property: string, value: unknown): string {
  if (property === 'httpPort') return String(DEFAULT_HTTP_PORTS[service] ?? value);
  if (property === 'mongodbDatabase' && value === undefined) return service;
  return value === undefined || value === null ? '' : String(value);
}

function ownProperties(configClass: ClassConstructor<ServiceConfig>): Array<[string, unknown]> {
  const template = new configClass() as unknown as Record<string, unknown>;
  return Object.keys(template).map((property) => [property, template[property]]);
}

/**
 * Every environment variable the process `service` reads and uses, derived from its config class (ServiceConfig or a
 * service's subclass): each own property `fooBar` of an instance ↔ FOO_BAR, plus PORT for the gateway. Nothing is
 * dropped silently: a property is left out only when unsetConfigVariables() lists it with its reason.
 */
export function configVariables(service: string, configClass: ClassConstructor<ServiceConfig> = ServiceConfig): ConfigVariable[] {
  const variables: ConfigVariable[] = [];
  for (const [property, value] of ownProperties(configClass)) {
    if (unsetReason(service, property)) continue;
    const name = configEnvName(property);
    variables.push({
      name,
      property,
      defaultValue: defaultText(service, property, value),
      secret: SECRET_PROPERTIES.has(property) || SECRET_NAME.test(name),
    });
  }
  if (service === 'gateway') {
    variables.push({ name: 'PORT', property: 'httpPort', defaultValue: String(DEFAULT_HTTP_PORTS.gateway), secret: false });
  }
  return variables;
}

/** The variables of the config class that configVariables(service) leaves out, each with the reason. */
export function unsetConfigVariables(service: string, configClass: ClassConstructor<ServiceConfig> = ServiceConfig): UnsetConfigVariable[] {
  return ownProperties(configClass).flatMap(([property]) => {
    const reason = unsetReason(service, property);
    return reason ? [{ name: configEnvName(property), property, reason }] : [];
  });
}
