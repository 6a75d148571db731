import { Injectable } from '@nestjs/common';
import { systemCaller } from '@kitos/common';
import { CatalogUsageEvents, type EventEnvelope, type ItSystemUsageDeletedV1 } from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { ProcessingActivitiesService } from '../activities/processing-activities.service';
import { UsageGdprService } from './usage-gdpr.service';

/** A usage deleted in the catalogue takes its GDPR profile and its links from processing activities with it. */
@Injectable()
export class UsageDeletionProjector {
  constructor(
    private readonly profiles: UsageGdprService,
    private readonly activities: ProcessingActivitiesService,
  ) {}

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    const caller = { ...systemCaller(event.correlationId ?? event.id), userUuid: event.actor?.userUuid ?? null };
    await this.profiles.deleteForUsage(caller, event.data.uuid, event.data.organizationUuid);
    await this.activities.unlinkUsage(caller, event.data.uuid, event.data.organizationUuid);
  }
}
