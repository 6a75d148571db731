import { Injectable, Scope } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { CatalogEvents, type EventEnvelope, type ItSystemCreatedV1, type ItSystemDeletedV1 } from '@kitos/contracts';
import type { EventMeta } from './durable-event-consumer';
import { EventHandlerExplorer } from './event-handler-explorer';
import { OnEvent } from './on-event.decorator';

@Injectable()
class ItSystemProjection {
  readonly seen: string[] = [];

  @OnEvent(CatalogEvents.itSystemCreated)
  @OnEvent(CatalogEvents.itSystemUpdated)
  async upsert(event: EventEnvelope<ItSystemCreatedV1>, meta: EventMeta): Promise<void> {
    this.seen.push(`${event.type}#${meta.streamSequence}`);
  }

  @OnEvent(CatalogEvents.itSystemDeleted)
  async remove(event: EventEnvelope<ItSystemDeletedV1>): Promise<void> {
    this.seen.push(event.type);
  }

  async notAHandler(): Promise<void> {}
}

@Injectable({ scope: Scope.REQUEST })
class PerRequestHandler {
  @OnEvent(CatalogEvents.itSystemDeleted)
  async remove(): Promise<void> {}
}

const meta: EventMeta = { subject: 'evt.catalog.it-system.created.v1', streamSequence: 7, deliveryCount: 1 };

describe('EventHandlerExplorer', () => {
  async function explore() {
    const moduleRef = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [EventHandlerExplorer, ItSystemProjection, PerRequestHandler],
    }).compile();
    moduleRef.useLogger(false);
    return { sut: moduleRef.get(EventHandlerExplorer), projection: moduleRef.get(ItSystemProjection) };
  }

  it('finds every @OnEvent method of singleton providers, stacked decorators included', async () => {
    const { sut } = await explore();
    const found = sut.handlers().map((h) => `${h.name} ${h.definition.type} v${h.definition.version}`);
    expect(found.sort()).toEqual([
      'ItSystemProjection.remove catalog.it-system.deleted v1',
      'ItSystemProjection.upsert catalog.it-system.created v1',
      'ItSystemProjection.upsert catalog.it-system.updated v1',
    ]);
  });

  it('calls a handler on its provider instance', async () => {
    const { sut, projection } = await explore();
    const created = sut.handlers().find((h) => h.definition === CatalogEvents.itSystemCreated);
    await created?.handle({ type: CatalogEvents.itSystemCreated.type } as EventEnvelope, meta);
    expect(projection.seen).toEqual(['catalog.it-system.created#7']);
  });
});
