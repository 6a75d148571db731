import { MongoConnection } from '@kitos/persistence';
import type { ServiceApp } from '@kitos/platform';
import { testMongoUri, testNatsUrl, uniqueName } from '@kitos/testing';
import { startGateway } from '../../services/gateway/src/bootstrap';
import { startArchiving } from '../../services/archiving/src/main';
import { startCatalog } from '../../services/catalog/src/main';
import { startContracts } from '../../services/contracts/src/main';
import { startGdpr } from '../../services/gdpr/src/main';
import { startIdentity } from '../../services/identity/src/main';
import { startProjects } from '../../services/projects/src/main';
import { startReporting } from '../../services/reporting/src/main';

type Starter = (env: Record<string, string | undefined>) => Promise<ServiceApp>;

export const STARTERS: Record<string, Starter> = {
  identity: startIdentity,
  catalog: startCatalog,
  contracts: startContracts,
  projects: startProjects,
  gdpr: startGdpr,
  archiving: startArchiving,
  reporting: startReporting,
};

export interface RunningSystem {
  readonly gatewayUrl: string;
  readonly gateway: ServiceApp;
  readonly services: Map<string, ServiceApp>;
  readonly env: Record<string, string | undefined>;
  /** The database of a service (on `env.MONGODB_URI`), for tests that look at or tamper with what it stored. */
  databaseOf(service: string): string;
  /** Starts (again) one service with the same database and settings. */
  start(service: string): Promise<ServiceApp>;
  stop(service: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole system in this test process: every service as its own Nest application with its own database
 * (unique names on the shared FerretDB) and its own bus connections, plus the gateway on a free port.
 */
export async function startSystem(
  options: {
    natsUrl?: string;
    services?: string[];
    env?: Record<string, string>;
    /** A fixed port for the gateway (when its public address must be known before it starts, e.g. SAML_SP_BASE_URL). */
    gatewayPort?: number;
    /** Wait until every process answers 200 on /health/ready (default); false for a system started into an outage. */
    waitReady?: boolean;
  } = {},
): Promise<RunningSystem> {
  const prefix = uniqueName('sys');
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    NATS_URL: options.natsUrl ?? testNatsUrl(),
    MONGODB_URI: testMongoUri(),
    LOG_LEVEL: process.env.KITOS_TEST_LOG_LEVEL ?? 'silent',
    HTTP_PORT: '0',
    PORT: '0',
    OUTBOX_POLL_MS: '1000',
    SHUTDOWN_GRACE_MS: '20',
    ...options.env,
  };
  const services = new Map<string, ServiceApp>();
  const envOf = (service: string) => ({ ...env, MONGODB_DATABASE: `${prefix}_${service}` });
  const start = async (service: string) => {
    const app = await STARTERS[service](envOf(service));
    services.set(service, app);
    return app;
  };
  /** Restarts wait for readiness too, unless the system was started into an outage. */
  const restart = async (service: string) => {
    const app = await start(service);
    if (options.waitReady !== false) await whenReady([app]);
    return app;
  };
  const stop = async (service: string) => {
    await services.get(service)?.close();
    services.delete(service);
  };
  const names = options.services ?? Object.keys(STARTERS);
  let gateway: ServiceApp;
  try {
    await Promise.all(names.map(start));
    // the gateway takes PORT unless HTTP_PORT (0 here, for every service's health server) is set
    gateway = await startGateway(options.gatewayPort ? { ...env, HTTP_PORT: undefined, PORT: String(options.gatewayPort) } : env);
    if (options.waitReady !== false) await whenReady([...services.values(), gateway]);
  } catch (error) {
    await Promise.all([...services.keys()].map(stop));
    throw error;
  }
  return {
    gatewayUrl: gateway.url,
    gateway,
    services,
    env,
    databaseOf: (service) => envOf(service).MONGODB_DATABASE,
    start: restart,
    stop,
    async close() {
      await gateway.close();
      for (const app of services.values())
        await app.app
          .get(MongoConnection)
          .connection.dropDatabase()
          .catch(() => undefined);
      await Promise.all([...services.keys()].map(stop));
    },
  };
}

/** Generous: on a loaded 2-core machine start-up work (indexes, the KLE import) can take a minute. */
const READY_DEADLINE_MS = 150_000;

/**
 * Waits for the processes' own readiness signal, `/health/ready` answering 200: a domain service reports ready once its
 * database is connected and prepared (indexes, start-up imports such as KLE) and its request handlers and consumers run.
 */
export async function whenReady(apps: readonly ServiceApp[], deadlineMs = READY_DEADLINE_MS): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  await Promise.all(
    apps.map(async (app) => {
      let last: string;
      for (;;) {
        try {
          const response = await fetch(`${app.url}/health/ready`, { signal: AbortSignal.timeout(5000) });
          if (response.status === 200) return;
          last = `${response.status} ${await response.text()}`;
        } catch (error) {
          last = (error as Error).message;
        }
        if (Date.now() > deadline) throw new Error(`${app.url} was not ready within ${deadlineMs} ms (last answer: ${last.slice(0, 300)})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }),
  );
}

export interface HttpResult<T = unknown> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: T;
}

/** A small HTTP client for the gateway that never throws on error statuses; `token` is sent as a bearer token. */
export function http(baseUrl: string, token?: string) {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
  return {
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('POST', path, body, headers),
    patch: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('PATCH', path, body, headers),
    put: <T = Record<string, unknown>>(path: string, body: unknown, headers?: Record<string, string>) =>
      call<T>('PUT', path, body, headers),
    delete: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) => call<T>('DELETE', path, undefined, headers),
  };
}
