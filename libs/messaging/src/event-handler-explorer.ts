import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { EventDefinition } from '@kitos/contracts';
import type { EventHandler } from './durable-event-consumer';
import { ON_EVENT_METADATA } from './on-event.decorator';

export interface DiscoveredEventHandler {
  readonly definition: EventDefinition<object>;
  /** `Class.method`, for logs. */
  readonly name: string;
  readonly handle: EventHandler;
}

/** Finds the `@OnEvent` methods of the application's providers. */
@Injectable()
export class EventHandlerExplorer {
  private readonly logger = new Logger(EventHandlerExplorer.name);

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  handlers(): DiscoveredEventHandler[] {
    const found: DiscoveredEventHandler[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (wrapper.isAlias || !instance || typeof instance !== 'object') continue;
      const prototype: object = Object.getPrototypeOf(instance);
      for (const methodName of this.scanner.getAllMethodNames(prototype)) {
        const method: unknown = Reflect.get(instance, methodName);
        if (typeof method !== 'function') continue;
        const definitions = this.reflector.get<EventDefinition<object>[] | undefined>(ON_EVENT_METADATA, method) ?? [];
        const name = `${instance.constructor.name}.${methodName}`;
        if (definitions.length && !wrapper.isDependencyTreeStatic()) {
          this.logger.warn(`${name} is ignored: event handlers must live in singleton providers`);
          continue;
        }
        for (const definition of definitions) {
          found.push({ definition, name, handle: (event, meta) => Promise.resolve(method.call(instance, event, meta)) });
        }
      }
    }
    return found;
  }
}
