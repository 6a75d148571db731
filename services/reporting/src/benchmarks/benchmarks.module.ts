import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { SharingModule } from '../sharing/sharing.module';
import { BenchmarkSource } from './benchmark.source';
import { BenchmarksHandlers } from './benchmarks.handlers';

/** Cross-municipal reports and benchmarks over the read models, with small groups suppressed. */
@Module({
  imports: [ReadModelsModule, SharingModule],
  controllers: [BenchmarksHandlers],
  providers: [BenchmarkSource],
})
export class BenchmarksModule {}
