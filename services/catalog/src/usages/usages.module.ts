import { Global, Module } from '@nestjs/common';
import { NatsRpcClient } from '@kitos/messaging';
import { ItSystemsModule } from '../it-systems/it-systems.module';
import { UsageLookup, UsageMainContracts } from '../shared/ports';
import { ItSystemUsageLookup } from './it-system-usage.lookup';
import { ItSystemUsagesHandlers } from './it-system-usages.handlers';
import { ItSystemUsagesRepository } from './it-system-usages.repository';
import { ItSystemUsagesService } from './it-system-usages.service';
import { UsageWriteAccess } from './usage-write-access';
import { UsingOrganizations } from './using-organizations';

/** IT system usages: one organisation's use of a catalogue system; implements UsageLookup and UsageMainContracts. */
@Global()
@Module({
  imports: [ItSystemsModule],
  controllers: [ItSystemUsagesHandlers],
  providers: [
    ItSystemUsagesRepository,
    ItSystemUsagesService,
    NatsRpcClient,
    UsageWriteAccess,
    UsingOrganizations,
    ItSystemUsageLookup,
    { provide: UsageLookup, useExisting: ItSystemUsageLookup },
    { provide: UsageMainContracts, useExisting: ItSystemUsagesService },
  ],
  exports: [UsageLookup, UsageMainContracts],
})
export class UsagesModule {}
