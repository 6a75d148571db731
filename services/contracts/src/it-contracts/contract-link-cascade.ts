import { Injectable } from '@nestjs/common';
import { systemCaller } from '@kitos/common';
import {
  CatalogUsageEvents,
  GdprEvents,
  type DataProcessingRegistrationDeletedV1,
  type EventEnvelope,
  type ItSystemUsageDeletedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { LinkedCopiesRepository } from '../links/linked-copies.repository';
import { ItContractsService } from './it-contracts.service';

/**
 * A usage deleted in the catalogue, or a data processing registration deleted in gdpr, disappears from the contracts
 * that link it: the copy becomes a tombstone, then every contract with the link gets a new version and an `updated`
 * event. Both steps are idempotent, so a redelivered event changes nothing more.
 */
@Injectable()
export class ContractLinkCascade {
  constructor(
    private readonly copies: LinkedCopiesRepository,
    private readonly contracts: ItContractsService,
  ) {}

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    const d = event.data;
    await this.copies.apply(this.copies.usages, d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      systemUuid: d.systemUuid,
      name: null,
      deleted: true,
    });
    await this.contracts.unlink(systemCaller(event.correlationId ?? event.id), 'usages', d.uuid);
  }

  @OnEvent(GdprEvents.dataProcessingRegistrationDeleted)
  async onRegistrationDeleted(event: EventEnvelope<DataProcessingRegistrationDeletedV1>): Promise<void> {
    const d = event.data;
    await this.copies.apply(this.copies.registrations, d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      systemUuid: null,
      name: d.name,
      deleted: true,
    });
    await this.contracts.unlink(systemCaller(event.correlationId ?? event.id), 'registrations', d.uuid);
  }
}
