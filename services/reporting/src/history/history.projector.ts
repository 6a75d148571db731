import { Injectable } from '@nestjs/common';
import { IdentityEvents, registeredEvents, type EventDefinition, type EventEnvelope } from '@kitos/contracts';
import { OnEvents } from '@kitos/messaging';
import { historyRecordOf } from './history-record';
import { HistoryRepository } from './history.repository';

/** Every created/updated/deleted (or changed) event of every producing service: the objects whose history is kept. */
export const HISTORY_EVENTS: readonly EventDefinition<object>[] = registeredEvents().filter((definition) =>
  /\.(created|updated|deleted|changed)$/.test(definition.type),
);

interface UserData {
  user?: { uuid?: string; name?: string };
}

/** Writes one history entry per event; also keeps the names of users for showing who made a change. */
@Injectable()
export class HistoryProjector {
  constructor(private readonly history: HistoryRepository) {}

  @OnEvents(HISTORY_EVENTS)
  async onEvent(event: EventEnvelope): Promise<void> {
    if (event.type === IdentityEvents.userCreated.type || event.type === IdentityEvents.userUpdated.type) {
      const user = (event.data as UserData).user;
      if (user?.uuid && user.name) await this.history.rememberUser(user.uuid, user.name);
    }
    await this.history.record(historyRecordOf(event));
  }
}
