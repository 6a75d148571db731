import { Module } from '@nestjs/common';
import { HistoryHandlers } from './history.handlers';
import { HistoryProjector } from './history.projector';
import { HistoryRepository } from './history.repository';

/** Field-level change history of every object, from the events of every service. */
@Module({
  controllers: [HistoryHandlers],
  providers: [HistoryRepository, HistoryProjector],
})
export class HistoryModule {}
