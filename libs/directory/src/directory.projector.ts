import { Injectable } from '@nestjs/common';
import {
  IdentityEvents,
  type EventEnvelope,
  type OrganizationCreatedV1,
  type OrganizationDeletedV1,
  type OrganizationUnitChangedV1,
  type OrganizationUnitDeletedV1,
  type OrganizationUpdatedV1,
  type RoleTypeChangedV1,
  type UserCreatedV1,
  type UserDeletedV1,
  type UserSnapshot,
  type UserUpdatedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { DirectoryRepository } from './directory.repository';

/** Keeps a service's directory copy in step with identity's events; each write applies only when newer. */
@Injectable()
export class DirectoryProjector {
  constructor(private readonly rows: DirectoryRepository) {}

  @OnEvent(IdentityEvents.organizationCreated)
  @OnEvent(IdentityEvents.organizationUpdated)
  async onOrganization(event: EventEnvelope<OrganizationCreatedV1 | OrganizationUpdatedV1>): Promise<void> {
    const o = event.data.organization;
    await this.rows.apply(this.rows.organizations, o.uuid, event.aggregate.version, {
      name: o.name,
      cvr: o.cvr ?? null,
      organizationType: o.organizationType,
      deleted: false,
    });
  }

  @OnEvent(IdentityEvents.organizationDeleted)
  async onOrganizationDeleted(event: EventEnvelope<OrganizationDeletedV1>): Promise<void> {
    const d = event.data;
    await this.rows.apply(this.rows.organizations, d.uuid, event.aggregate.version, {
      name: d.name,
      cvr: null,
      organizationType: 'Municipality',
      deleted: true,
    });
    await this.rows.deleteUnitsOf(d.uuid);
  }

  @OnEvent(IdentityEvents.organizationUnitCreated)
  @OnEvent(IdentityEvents.organizationUnitUpdated)
  async onUnit(event: EventEnvelope<OrganizationUnitChangedV1>): Promise<void> {
    const u = event.data.unit;
    await this.rows.apply(this.rows.units, u.uuid, event.aggregate.version, {
      organizationUuid: u.organizationUuid,
      name: u.name,
      parentUuid: u.parentUuid ?? null,
      deleted: false,
    });
  }

  @OnEvent(IdentityEvents.organizationUnitDeleted)
  async onUnitDeleted(event: EventEnvelope<OrganizationUnitDeletedV1>): Promise<void> {
    const d = event.data;
    await this.rows.apply(this.rows.units, d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      name: '',
      parentUuid: null,
      deleted: true,
    });
  }

  @OnEvent(IdentityEvents.userCreated)
  @OnEvent(IdentityEvents.userUpdated)
  async onUser(event: EventEnvelope<UserCreatedV1 | UserUpdatedV1>): Promise<void> {
    await this.rows.apply(this.rows.users, event.data.user.uuid, event.aggregate.version, userState(event.data.user));
  }

  @OnEvent(IdentityEvents.userDeleted)
  async onUserDeleted(event: EventEnvelope<UserDeletedV1>): Promise<void> {
    await this.rows.apply(this.rows.users, event.data.uuid, event.aggregate.version, {
      name: '',
      isGlobalAdmin: false,
      organizationUuids: [],
      deleted: true,
    });
  }

  @OnEvent(IdentityEvents.roleTypeCreated)
  @OnEvent(IdentityEvents.roleTypeUpdated)
  async onRoleType(event: EventEnvelope<RoleTypeChangedV1>): Promise<void> {
    const r = event.data.roleType;
    await this.rows.apply(this.rows.roleTypes, r.uuid, event.aggregate.version, {
      objectType: r.objectType,
      name: r.name,
      hasReadAccess: r.hasReadAccess,
      hasWriteAccess: r.hasWriteAccess,
      isEnabled: r.isEnabled,
      disabledInOrganizationUuids: r.disabledInOrganizationUuids ?? [],
      deleted: false,
    });
  }
}

function userState(u: UserSnapshot) {
  return {
    name: u.name,
    isGlobalAdmin: u.isGlobalAdmin,
    organizationUuids: [...new Set(u.rights.map((r) => r.organizationUuid))],
    deleted: false,
  };
}
