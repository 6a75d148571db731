import { Injectable } from '@nestjs/common';
import type { EventEnvelope } from '@kitos/contracts';
import { OnEvents } from '@kitos/messaging';
import { ReadModelChanges } from './read-model-changes';
import { projectEvent, READ_MODEL_EVENTS } from './read-model.projection';
import { ReadModelStore } from './read-model.store';

/** The incremental path: keeps the live read models in step with every service's events as they arrive. */
@Injectable()
export class ReadModelProjector {
  constructor(
    private readonly store: ReadModelStore,
    private readonly changes: ReadModelChanges,
  ) {}

  @OnEvents(READ_MODEL_EVENTS)
  async onEvent(event: EventEnvelope): Promise<void> {
    if (await projectEvent(event, this.store)) this.changes.changed();
  }
}
