import { Module } from '@nestjs/common';
import { CopiesProjector } from '../copies/copies.projector';
import { NatsRpcClient } from '@kitos/messaging';
import { GdprCopies } from '../copies/gdpr-copies';
import { OptionCatalog } from '../copies/option-catalog';
import { OrganizationCopies } from '../copies/organization-copies';
import { SystemCopies } from '../copies/system-copies';
import { UsageCopies } from '../copies/usage-copies';
import { ArchivingOverviewService } from '../overview/archiving-overview.service';
import { DeliverySweep } from './delivery-sweep';
import { JournalPeriodsService } from './journal-periods.service';
import { UsageArchivesHandlers } from './usage-archives.handlers';
import { UsageArchivesRepository } from './usage-archives.repository';
import { UsageArchivesService } from './usage-archives.service';

/** Archiving profiles of usages with their journal periods, the copies they are judged with, and the organisation views. */
@Module({
  controllers: [UsageArchivesHandlers],
  providers: [
    NatsRpcClient,
    UsageCopies,
    SystemCopies,
    GdprCopies,
    OrganizationCopies,
    OptionCatalog,
    CopiesProjector,
    UsageArchivesRepository,
    UsageArchivesService,
    JournalPeriodsService,
    ArchivingOverviewService,
    DeliverySweep,
  ],
})
export class UsageArchivesModule {}
