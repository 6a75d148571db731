import { Module } from '@nestjs/common';
import { DeltaFeedHandlers } from './delta-feed.handlers';
import { DeltaFeedRepository } from './delta-feed.repository';

/** `/api/v2/delta-feed/deleted-entities` for the catalogue's entity types, read from tombstones. */
@Module({ controllers: [DeltaFeedHandlers], providers: [DeltaFeedRepository] })
export class DeltaFeedModule {}
