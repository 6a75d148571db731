import { Module } from '@nestjs/common';
import { ItSystemProjector } from './it-system-projector';
import { ItSystemReportHandlers } from './it-system-report.handlers';
import { ItSystemReportRepository } from './it-system-report.repository';

@Module({
  controllers: [ItSystemReportHandlers],
  providers: [ItSystemReportRepository, ItSystemProjector],
})
export class ItSystemReportModule {}
