import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EventConsumers } from './event-consumers';
import { EventHandlerExplorer } from './event-handler-explorer';
import { EventPublisher } from './event-publisher';
import { EVENTS_MODULE_OPTIONS, type EventsModuleOptions } from './events.tokens';

/** Domain events for one service: `EventPublisher`, its own stream, and durable consumers feeding its `@OnEvent` handlers. Needs `NatsModule`. */
@Module({})
export class EventsModule {
  static forRoot(options: EventsModuleOptions): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      imports: [DiscoveryModule],
      providers: [{ provide: EVENTS_MODULE_OPTIONS, useValue: options }, EventPublisher, EventHandlerExplorer, EventConsumers],
      exports: [EventPublisher, EventConsumers],
    };
  }
}
