import { Module } from '@nestjs/common';
import { DeltaFeedHandlers } from './delta-feed.handlers';
import { ReadModelChanges } from './read-model-changes';
import { ReadModelProjector } from './read-model.projector';
import { ReadModelRebuild } from './read-model.rebuild';
import { ReadModelStore } from './read-model.store';
import { ReadModelsHandlers } from './read-models.handlers';
import { RebuildRunsStore } from './rebuild-runs.store';

/** The read models built from every service's events, their projector, their rebuild from the streams, and the delta feed. */
@Module({
  controllers: [ReadModelsHandlers, DeltaFeedHandlers],
  providers: [ReadModelStore, ReadModelChanges, ReadModelProjector, ReadModelRebuild, RebuildRunsStore],
  exports: [ReadModelStore, ReadModelChanges],
})
export class ReadModelsModule {}
