import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { ItSystemReportHandlers } from './it-system-report.handlers';
import { ItSystemReportRepository } from './it-system-report.repository';

/** The catalogue-wide IT-system report (counts per state and organisation), from the `it-systems` read model. */
@Module({
  imports: [ReadModelsModule],
  controllers: [ItSystemReportHandlers],
  providers: [ItSystemReportRepository],
})
export class ItSystemReportModule {}
