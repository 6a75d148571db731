import { Module } from '@nestjs/common';
import { ProcessingActivitiesHandlers } from './activities/processing-activities.handlers';
import { ProcessingActivitiesRepository } from './activities/processing-activities.repository';
import { ProcessingActivitiesService } from './activities/processing-activities.service';
import { CopiesModule } from './copies/copies.module';
import { RecordsHandlers } from './records/records.handlers';
import { RecordsService } from './records/records.service';
import { UsageDeletionProjector } from './usage-gdpr/usage-deletion.projector';
import { UsageGdprHandlers } from './usage-gdpr/usage-gdpr.handlers';
import { UsageGdprRepository } from './usage-gdpr/usage-gdpr.repository';
import { UsageGdprService } from './usage-gdpr/usage-gdpr.service';

/** The usages' GDPR profiles, processing activities, the Article 30 record, the GDPR report and the dashboard. */
@Module({
  imports: [CopiesModule],
  controllers: [UsageGdprHandlers, ProcessingActivitiesHandlers, RecordsHandlers],
  providers: [
    UsageGdprRepository,
    UsageGdprService,
    UsageDeletionProjector,
    ProcessingActivitiesRepository,
    ProcessingActivitiesService,
    RecordsService,
  ],
})
export class ComplianceModule {}
