import {
  Inject,
  Module,
  type DynamicModule,
  type InjectionToken,
  type ModuleMetadata,
  type OnApplicationShutdown,
  type OptionalFactoryDependency,
} from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { closeNats, connectNats, type NatsClientOptions } from './connect-nats';
import { NatsHealth } from './nats-health';
import { NATS_CONNECTION } from './nats.tokens';

export interface NatsModuleAsyncOptions {
  readonly imports?: ModuleMetadata['imports'];
  readonly inject?: (InjectionToken | OptionalFactoryDependency)[];
  readonly useFactory: (...args: never[]) => NatsClientOptions | Promise<NatsClientOptions>;
}

/** The service's NATS connection (`NATS_CONNECTION`) and its health, for the whole application; drained on shutdown, after every module's onModuleDestroy. */
@Module({})
export class NatsModule implements OnApplicationShutdown {
  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  static forRoot(options: NatsClientOptions): DynamicModule {
    return NatsModule.forRootAsync({ useFactory: () => options });
  }

  static forRootAsync(options: NatsModuleAsyncOptions): DynamicModule {
    const { useFactory } = options;
    return {
      module: NatsModule,
      global: true,
      imports: options.imports ?? [],
      providers: [
        {
          provide: NATS_CONNECTION,
          inject: options.inject ?? [],
          useFactory: async (...args: never[]) => connectNats(await useFactory(...args)),
        },
        NatsHealth,
      ],
      exports: [NATS_CONNECTION, NatsHealth],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await closeNats(this.nc);
  }
}
