/**
 * Second baseline for benchmark 1: Nest on the Fastify adapter with one trivial controller and nothing else (no hooks,
 * pipes, filters or metrics), to split the gateway's cost into "Nest" and "what the gateway adds".
 * Started by bench/run.ts as its own process: PORT=<port> node dist/bench/bench/servers/nest-fastify.js
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class LiveController {
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({ controllers: [LiveController] })
class BaselineModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(BaselineModule, new FastifyAdapter(), { logger: false });
  await app.listen(Number(process.env.PORT ?? 0), '0.0.0.0');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
