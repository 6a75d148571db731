import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { loadServiceConfig } from '@kitos/config';
import { JsonLogger, Metrics } from '@kitos/observability';
import type { ServiceApp } from '@kitos/platform';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { installBodyParsers } from './http/body-parsing';
import { callerOf, correlationIdOf } from './http/caller';
import { GatewayConfig } from './gateway.config';
import { GatewayModule } from './gateway.module';
import { buildOpenApi } from './openapi/openapi';
import { installWebClient, isWebClientPath, WEB_CSP, webDistDir } from './web/web-client';

const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};
const API_CSP = "default-src 'none'; frame-ancestors 'none'";
const DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

const accessLog = new Logger('Access');

/** Swagger UI, the API and the operators' endpoints, or the web client (everything else). */
function contentSecurityPolicyFor(url: string): string {
  if (url.startsWith('/api/docs')) return DOCS_CSP;
  return isWebClientPath(url) ? WEB_CSP : API_CSP;
}

/**
 * One access log line per request: method, route template (never the path or query, which may carry personal data),
 * status, duration, correlation id and the caller's id (a user's uuid; never a name, e-mail, token or body).
 */
export function accessLogEntry(request: FastifyRequest, reply: FastifyReply): Record<string, unknown> {
  const caller = callerOf(request);
  return {
    message: 'request',
    method: request.method,
    route: request.routeOptions?.url ?? 'unmatched',
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
    correlationId: correlationIdOf(request),
    callerKind: caller.kind,
    ...(caller.userUuid ? { callerUuid: caller.userUuid } : {}),
  };
}

function installHttpHooks(fastify: FastifyInstance, metrics: Metrics): void {
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    void reply.header('x-correlation-id', correlationIdOf(request));
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
    void reply.header('content-security-policy', contentSecurityPolicyFor(request.url));
  });
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    accessLog.log(accessLogEntry(request, reply));
  });
}

/** Starts the gateway: the public HTTP API on PORT (default 8080) with OpenAPI at /api/docs and /api/docs-json. */
export async function startGateway(env: Readonly<Record<string, string | undefined>> = process.env): Promise<ServiceApp> {
  const config = loadServiceConfig('gateway', env, GatewayConfig);
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimitBytes, trustProxy: config.trustProxyOption() });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.register(config), adapter, {
    logger: new JsonLogger('gateway', config.logLevel),
    abortOnError: false,
    bodyParser: false,
  });
  installBodyParsers(app.getHttpAdapter().getInstance(), config.bodyLimitBytes);
  app.enableShutdownHooks();
  installHttpHooks(app.getHttpAdapter().getInstance(), app.get(Metrics));
  SwaggerModule.setup('api/docs', app, buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json', customSiteTitle: 'KITOS next API' });
  const webClient = await installWebClient(app.getHttpAdapter().getInstance(), webDistDir(env));
  await app.listen(config.httpPort, '0.0.0.0');
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  new Logger('Bootstrap').log(`gateway ready: ${webClient ? `web client ${url}/, ` : ''}API ${url}/api/v2, OpenAPI ${url}/api/docs`);
  return { app, url, close: () => app.close() };
}
