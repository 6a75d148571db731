/**
 * Baseline for benchmark 1: Fastify alone with one trivial route, the same path and body as the gateway's
 * liveness route. Started by bench/run.ts as its own process: PORT=<port> node dist/bench/bench/servers/bare-fastify.js
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/health/live', async () => ({ status: 'ok' }));
app.listen({ port: Number(process.env.PORT ?? 0), host: '0.0.0.0' }).catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
