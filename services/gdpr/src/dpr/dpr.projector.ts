import { Injectable } from '@nestjs/common';
import {
  CatalogUsageEvents,
  ContractEvents,
  IdentityEvents,
  type EventEnvelope,
  type ItContractCreatedV1,
  type ItContractDeletedV1,
  type ItContractUpdatedV1,
  type ItSystemUsageDeletedV1,
  type OrganizationCreatedV1,
  type OrganizationDeletedV1,
  type OrganizationUnitChangedV1,
  type OrganizationUnitDeletedV1,
  type OrganizationUpdatedV1,
  type RoleTypeChangedV1,
  type UserCreatedV1,
  type UserDeletedV1,
  type UserUpdatedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { ContractCopies } from './contract-copies';
import { DprDirectory } from './dpr-directory';
import { DprService } from './dpr.service';

/**
 * What the registrations learn from other services' events: contracts (associations, main contract, validity), the
 * deletion of usages (a deleted usage leaves every registration), and identity's directory.
 */
@Injectable()
export class DprProjector {
  constructor(
    private readonly contracts: ContractCopies,
    private readonly directory: DprDirectory,
    private readonly service: DprService,
  ) {}

  @OnEvent(ContractEvents.contractCreated)
  @OnEvent(ContractEvents.contractUpdated)
  async onContract(event: EventEnvelope<ItContractCreatedV1 | ItContractUpdatedV1>): Promise<void> {
    await this.contracts.applySnapshot(event.data.contract, event.aggregate.version);
    await this.service.contractChanged(event.data.contract.uuid, event.id);
  }

  @OnEvent(ContractEvents.contractDeleted)
  async onContractDeleted(event: EventEnvelope<ItContractDeletedV1>): Promise<void> {
    const d = event.data;
    await this.contracts.applyDeletion(d.uuid, d.organizationUuid, d.name, event.aggregate.version);
    await this.service.contractChanged(d.uuid, event.id);
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    await this.service.removeUsage(event.data.uuid, event.id);
  }

  @OnEvent(IdentityEvents.organizationCreated)
  @OnEvent(IdentityEvents.organizationUpdated)
  async onOrganization(event: EventEnvelope<OrganizationCreatedV1 | OrganizationUpdatedV1>): Promise<void> {
    const o = event.data.organization;
    await this.directory.apply(this.directory.organizations, o.uuid, event.aggregate.version, {
      name: o.name,
      cvr: o.cvr ?? null,
      deleted: false,
    });
  }

  @OnEvent(IdentityEvents.organizationDeleted)
  async onOrganizationDeleted(event: EventEnvelope<OrganizationDeletedV1>): Promise<void> {
    await this.directory.apply(this.directory.organizations, event.data.uuid, event.aggregate.version, {
      name: event.data.name,
      cvr: null,
      deleted: true,
    });
  }

  @OnEvent(IdentityEvents.organizationUnitCreated)
  @OnEvent(IdentityEvents.organizationUnitUpdated)
  async onUnit(event: EventEnvelope<OrganizationUnitChangedV1>): Promise<void> {
    const u = event.data.unit;
    await this.directory.apply(this.directory.units, u.uuid, event.aggregate.version, {
      organizationUuid: u.organizationUuid,
      name: u.name,
      deleted: false,
    });
  }

  @OnEvent(IdentityEvents.organizationUnitDeleted)
  async onUnitDeleted(event: EventEnvelope<OrganizationUnitDeletedV1>): Promise<void> {
    const d = event.data;
    await this.directory.apply(this.directory.units, d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      name: '',
      deleted: true,
    });
  }

  @OnEvent(IdentityEvents.userCreated)
  @OnEvent(IdentityEvents.userUpdated)
  async onUser(event: EventEnvelope<UserCreatedV1 | UserUpdatedV1>): Promise<void> {
    const u = event.data.user;
    await this.directory.apply(this.directory.users, u.uuid, event.aggregate.version, {
      name: u.name,
      organizationUuids: [...new Set(u.rights.map((r) => r.organizationUuid))],
      deleted: false,
    });
  }

  @OnEvent(IdentityEvents.userDeleted)
  async onUserDeleted(event: EventEnvelope<UserDeletedV1>): Promise<void> {
    await this.directory.apply(this.directory.users, event.data.uuid, event.aggregate.version, {
      name: '',
      organizationUuids: [],
      deleted: true,
    });
  }

  @OnEvent(IdentityEvents.roleTypeCreated)
  @OnEvent(IdentityEvents.roleTypeUpdated)
  async onRoleType(event: EventEnvelope<RoleTypeChangedV1>): Promise<void> {
    const r = event.data.roleType;
    await this.directory.apply(this.directory.roleTypes, r.uuid, event.aggregate.version, {
      objectType: r.objectType,
      name: r.name,
      hasWriteAccess: r.hasWriteAccess,
      isEnabled: r.isEnabled,
      deleted: false,
    });
  }
}
