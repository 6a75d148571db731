import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION, NatsHealth, NatsModule } from '@kitos/messaging';
import { testNatsUrl } from '@kitos/testing';
import { RecordingLogger } from './messaging-fixtures';

class BusConfig {
  readonly natsUrl = testNatsUrl();
}

@Module({ providers: [BusConfig], exports: [BusConfig] })
class BusConfigModule {}

@Module({
  imports: [
    NatsModule.forRootAsync({
      imports: [BusConfigModule],
      inject: [BusConfig],
      useFactory: (config: BusConfig) => ({ url: config.natsUrl, name: 'catalog' }),
    }),
  ],
})
class CatalogAppModule {}

describe('NatsModule', () => {
  it('connects with injected settings, reports health up, and closes the connection on shutdown', async () => {
    const app = await NestFactory.createApplicationContext(CatalogAppModule, { logger: new RecordingLogger() });
    const connection = app.get<NatsConnection>(NATS_CONNECTION);
    const health = app.get(NatsHealth);
    expect(health.check()).toEqual({ up: true, detail: `NATS connected to ${connection.getServer()}` });

    await app.close();

    expect(connection.isClosed()).toBe(true);
    expect(health.check()).toEqual({ up: false, detail: 'NATS connection closed' });
  });
});
