import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { ItSystemReportModule } from './it-systems/it-system-report.module';
import { HistoryModule } from './history/history.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { SharingModule } from './sharing/sharing.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { DataQualityModule } from './data-quality/data-quality.module';
import { BenchmarksModule } from './benchmarks/benchmarks.module';
import { OrgReportsModule } from './org-reports/org-reports.module';

/** The reporting service: read models built only from the other services' events. */
@Module({})
export class ReportingModule {
  static register(config: ServiceConfig): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        PlatformModule.forService(config, { consume: ['catalog', 'identity', 'contracts', 'gdpr', 'archiving', 'projects'] }),
        ReadModelsModule,
        SharingModule,
        ItSystemReportModule,
        HistoryModule,
        WebhooksModule,
        DataQualityModule,
        BenchmarksModule,
        OrgReportsModule,
      ],
      controllers: [pingHandlers('reporting')],
    };
  }
}
