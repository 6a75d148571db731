import { Injectable } from '@nestjs/common';
import {
  ArchivingEvents,
  ContractEvents,
  GdprEvents,
  IdentityEvents,
  type DataProcessingRegistrationCreatedV1,
  type DataProcessingRegistrationDeletedV1,
  type DataProcessingRegistrationUpdatedV1,
  type EventEnvelope,
  type ItContractCreatedV1,
  type ItContractDeletedV1,
  type ItContractUpdatedV1,
  type OrganizationCreatedV1,
  type OrganizationDeletedV1,
  type OrganizationUpdatedV1,
  type UsageArchiveChangedV1,
  type UsageArchiveDeletedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { ArchiveFlagsRepository } from './archive-flags.repository';
import { ContractCopiesRepository } from './contract-copies.repository';
import { DprCopiesRepository } from './dpr-copies.repository';
import { OrganizationCopiesRepository, contact } from './organization-copies.repository';

/** Keeps the gdpr service's copies of organisations, contracts, registrations and archive findings in step with their events. */
@Injectable()
export class CopiesProjector {
  constructor(
    private readonly organizations: OrganizationCopiesRepository,
    private readonly contracts: ContractCopiesRepository,
    private readonly registrations: DprCopiesRepository,
    private readonly archives: ArchiveFlagsRepository,
  ) {}

  @OnEvent(IdentityEvents.organizationCreated)
  @OnEvent(IdentityEvents.organizationUpdated)
  async onOrganization(event: EventEnvelope<OrganizationCreatedV1 | OrganizationUpdatedV1>): Promise<void> {
    const o = event.data.organization;
    await this.organizations.apply(o.uuid, event.aggregate.version, {
      name: o.name,
      cvr: o.cvr ?? null,
      address: o.address ?? null,
      email: o.email ?? null,
      phone: o.phone ?? null,
      dataController: contact(o.dataController),
      dataProtectionOfficer: contact(o.dataProtectionOfficer),
      deleted: false,
    });
  }

  @OnEvent(IdentityEvents.organizationDeleted)
  async onOrganizationDeleted(event: EventEnvelope<OrganizationDeletedV1>): Promise<void> {
    await this.organizations.apply(event.data.uuid, event.aggregate.version, {
      name: event.data.name,
      cvr: null,
      address: null,
      email: null,
      phone: null,
      dataController: null,
      dataProtectionOfficer: null,
      deleted: true,
    });
  }

  @OnEvent(ContractEvents.contractCreated)
  @OnEvent(ContractEvents.contractUpdated)
  async onContract(event: EventEnvelope<ItContractCreatedV1 | ItContractUpdatedV1>): Promise<void> {
    const c = event.data.contract;
    await this.contracts.apply(c.uuid, event.aggregate.version, {
      organizationUuid: c.organizationUuid,
      name: c.name,
      supplierUuid: c.supplierUuid ?? null,
      systemUsageUuids: c.systemUsageUuids ?? [],
      valid: c.valid ?? null,
      deleted: false,
    });
  }

  @OnEvent(ContractEvents.contractDeleted)
  async onContractDeleted(event: EventEnvelope<ItContractDeletedV1>): Promise<void> {
    const d = event.data;
    await this.contracts.apply(d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      name: d.name,
      supplierUuid: null,
      systemUsageUuids: [],
      valid: null,
      deleted: true,
    });
  }

  @OnEvent(GdprEvents.dataProcessingRegistrationCreated)
  @OnEvent(GdprEvents.dataProcessingRegistrationUpdated)
  async onRegistration(event: EventEnvelope<DataProcessingRegistrationCreatedV1 | DataProcessingRegistrationUpdatedV1>): Promise<void> {
    const r = event.data.registration;
    const processors = (r.dataProcessors ?? []).map((p) => ({ uuid: p.uuid, name: p.name }));
    const subs = (r.subDataProcessors ?? []).map((s) => ({
      uuid: s.organization.uuid,
      name: s.organization.name,
      country: s.transferToInsecureThirdCountry === 'Yes' ? (s.insecureThirdCountry?.name ?? null) : null,
    }));
    const processorUuids = [...new Set([...(r.dataProcessorUuids ?? []), ...processors.map((p) => p.uuid), ...subs.map((s) => s.uuid)])];
    await this.registrations.apply(r.uuid, event.aggregate.version, {
      organizationUuid: r.organizationUuid,
      name: r.name,
      systemUsageUuids: r.systemUsageUuids ?? [],
      agreementConcluded: r.agreementConcluded ?? null,
      agreementConcludedDate: r.agreementConcludedDate ?? null,
      dataProcessors: processors,
      subDataProcessors: subs,
      processorUuids,
      transferToInsecureThirdCountries: r.transferToInsecureThirdCountries ?? null,
      insecureThirdCountries: (r.insecureThirdCountries ?? []).map((c) => c.name),
      basisForTransfer: r.basisForTransfer?.name ?? null,
      nextOversightDate: r.nextOversightDate ?? null,
      deleted: false,
    });
  }

  @OnEvent(GdprEvents.dataProcessingRegistrationDeleted)
  async onRegistrationDeleted(event: EventEnvelope<DataProcessingRegistrationDeletedV1>): Promise<void> {
    const d = event.data;
    await this.registrations.apply(d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      name: d.name,
      systemUsageUuids: [],
      agreementConcluded: null,
      agreementConcludedDate: null,
      dataProcessors: [],
      subDataProcessors: [],
      processorUuids: [],
      transferToInsecureThirdCountries: null,
      insecureThirdCountries: [],
      basisForTransfer: null,
      nextOversightDate: null,
      deleted: true,
    });
  }

  @OnEvent(ArchivingEvents.usageArchiveChanged)
  async onArchive(event: EventEnvelope<UsageArchiveChangedV1>): Promise<void> {
    const a = event.data.archive;
    await this.archives.apply(a.usageUuid, event.aggregate.version, {
      organizationUuid: a.organizationUuid,
      findings: a.findings,
      deleted: false,
    });
  }

  @OnEvent(ArchivingEvents.usageArchiveDeleted)
  async onArchiveDeleted(event: EventEnvelope<UsageArchiveDeletedV1>): Promise<void> {
    const d = event.data;
    await this.archives.apply(d.usageUuid, event.aggregate.version, { organizationUuid: d.organizationUuid, findings: [], deleted: true });
  }
}
