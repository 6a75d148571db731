import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { SharingModule } from '../sharing/sharing.module';
import { DataQualityHandlers } from './data-quality.handlers';
import { DataQualityService } from './data-quality.service';
import { DataQualityStore } from './data-quality.store';
import { SnapshotScheduler } from './snapshot-scheduler';

/** Data quality against the shared registration practice: the rule pack, scores, findings and score history. */
@Module({
  imports: [ReadModelsModule, SharingModule],
  controllers: [DataQualityHandlers],
  providers: [DataQualityStore, DataQualityService, SnapshotScheduler],
})
export class DataQualityModule {}
