import 'reflect-metadata';
import type { ClassConstructor } from 'class-transformer';
import { Logger, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadServiceConfig, type ServiceConfig } from '@kitos/config';
import { natsConnectionOptions } from '@kitos/messaging';
import { JsonLogger } from '@kitos/observability';
import { MongoConnection } from '@kitos/persistence';
import { HealthRegistry } from './health.registry';

export interface ServiceApp {
  readonly app: INestApplication;
  readonly url: string;
  close(): Promise<void>;
  /** `listener` runs if the process must stop (its database refused or lost the writer lease); the gateway has none. */
  onFatal?(listener: (error: Error) => void): void;
}

/**
 * Starts a domain service: its HTTP server (health and metrics) on `httpPort`, then its request handlers on the bus
 * (NATS queue group = service name, so replicas share the load). The service reports ready only when both run.
 */
export async function createServiceApp(module: Type | DynamicModule, config: ServiceConfig): Promise<ServiceApp> {
  const logger = new JsonLogger(config.service, config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(module, new FastifyAdapter({ bodyLimit: config.bodyLimitBytes }), {
    logger,
    abortOnError: false,
  });
  app.enableShutdownHooks();
  app.connectMicroservice<MicroserviceOptions>(
    {
      transport: Transport.NATS,
      options: {
        ...natsConnectionOptions(config.natsUrl),
        name: `${config.service}-rpc`,
        queue: config.service,
        reconnect: true,
        maxReconnectAttempts: -1,
        reconnectTimeWait: 500,
        waitOnFirstConnect: true,
        gracefulShutdown: true,
        gracePeriod: config.shutdownGraceMs,
      },
    },
    // shares the app's configuration, so the APP_FILTER and APP_INTERCEPTOR of PlatformModule apply on the bus too
    { inheritAppConfig: true },
  );
  let handlersUp = false;
  app.get(HealthRegistry).register('requestHandlers', () => ({ up: handlersUp, detail: handlersUp ? 'listening' : 'starting' }));
  await app.listen(config.httpPort, '0.0.0.0');
  await app.startAllMicroservices();
  handlersUp = true;
  const url = await app.getUrl();
  new Logger('Bootstrap').log(`${config.service} ready: health ${url}/health/ready`);
  return { app, url, close: () => app.close(), onFatal: (listener) => app.get(MongoConnection).onFatal(listener) };
}

/** Entry point of a service process: exits with a clear message when configuration or start-up fails. */
export function runService(start: () => Promise<ServiceApp>): void {
  const exit = (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  };
  start().then((service) => service.onFatal?.(exit), exit);
}

/** The start function of a service process, also used by tests to run services in-process with their own settings. */
export function serviceStarter<T extends ServiceConfig = ServiceConfig>(
  service: string,
  register: (config: T) => DynamicModule,
  configClass?: ClassConstructor<T>,
): (env?: Readonly<Record<string, string | undefined>>) => Promise<ServiceApp> {
  // async, so that a configuration error rejects (and runService prints it) instead of throwing
  return async (env = process.env) => {
    const config = loadServiceConfig<T>(service, env, configClass);
    return createServiceApp(register(config), config);
  };
}
