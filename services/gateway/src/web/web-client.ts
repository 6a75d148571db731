import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The web client's Content-Security-Policy: scripts and styles only from the gateway's own origin (no inline script,
 * no inline style element), API calls to the same origin, no framing. SAML sign-in leaves by a top-level navigation.
 */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Paths that belong to the API and the operators, never to the web client (unknown ones there stay 404 problems). */
const NOT_CLIENT = /^\/(api|health|metrics|scim)(\/|$)/;

export function isWebClientPath(url: string): boolean {
  return !NOT_CLIENT.test(url);
}

/** Where the built client is: WEB_DIST_DIR, else web/dist under the working directory (the repository, or /app in the image). */
export function webDistDir(env: Readonly<Record<string, string | undefined>>): string {
  return resolve(env.WEB_DIST_DIR || join(process.cwd(), 'web', 'dist'));
}

/**
 * Serves the single-page web client at `/`: hashed assets under /assets with a year's caching, and index.html for
 * every other GET outside the API so that the client's own router resolves deep links (/usages/…). When the client
 * has not been built (`npm run build:web`), `/` explains that instead of answering a bare 404.
 */
export async function installWebClient(fastify: FastifyInstance, directory: string): Promise<boolean> {
  const index = join(directory, 'index.html');
  if (!existsSync(index)) {
    fastify.get('/', async (_request, reply) =>
      reply
        .type('text/plain; charset=utf-8')
        .code(503)
        .send(
          'The web client is not built: run `npm run build:web` (npm start and npm run build do it). The API is at /api/v2, its documentation at /api/docs.\n',
        ),
    );
    return false;
  }
  const indexHtml = readFileSync(index);
  await fastify.register(fastifyStatic, {
    root: join(directory, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    immutable: true,
    maxAge: '365d',
    // web/compress.mjs writes .br and .gz twins at build time: sent to browsers that accept them
    preCompressed: true,
  });
  const sendIndex = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!isWebClientPath(request.url)) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  };
  const favicon = join(directory, 'favicon.svg');
  if (existsSync(favicon)) {
    const icon = readFileSync(favicon);
    fastify.get('/favicon.svg', async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(icon),
    );
  }
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
