import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  chosenUuid,
  createOnce,
  newAggregateUuid,
  hasRole,
  isMember,
  memberOrganizations,
  requireUser,
  uuidTaken,
  type CallerContext,
  type Clock,
  type IdGenerator,
} from '@kitos/common';
import {
  IdentityEvents,
  MAX_PAGE_SIZE,
  type CreateOrganizationRequest,
  type FieldChange,
  type PatchOrganizationRequest,
  type ListOrganizationsQuery,
  type OrganizationResponse,
  type OrganizationSnapshot,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored } from '@kitos/persistence';
import type { Organization } from './organization';
import { OrganizationsRepository } from './organizations.repository';

/** Organisations are the tenants. Only global admins create and delete them; name, CVR and type are public. */
@Injectable()
export class OrganizationsService {
  constructor(
    private readonly repository: OrganizationsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, request: CreateOrganizationRequest): Promise<OrganizationResponse> {
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators create organisations');
    const uuid = chosenUuid(caller, null, request.uuid, () => newAggregateUuid(this.ids, caller, 'organization'));
    // a retry of a create whose answer was lost (Idempotency-Key): the organisation the first run made, as it is now
    if (!request.uuid && caller.idempotencyKey && (await this.repository.findByUuid(uuid))) return this.get(caller, uuid);
    // a retry that overtook its first run finds the CVR (or `_id`) taken by that run's organisation: that is its answer
    return createOnce(
      caller,
      async () => {
        if (request.cvr && (await this.repository.findByCvr(request.cvr))) throw cvrTaken(request.cvr);
        if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('An organisation', uuid);
        const now = this.clock.now();
        const state: Organization = {
          name: request.name,
          nameKey: request.name.toLocaleLowerCase('da'),
          cvr: request.cvr ?? null,
          cvrKey: request.cvr ?? `none:${uuid}`,
          organizationType: request.organizationType,
          address: request.address ?? null,
          email: request.email ?? null,
          phone: request.phone ?? null,
          contactPerson: request.contactPerson ?? null,
          dataController: request.dataController ?? null,
          dataProtectionOfficer: request.dataProtectionOfficer ?? null,
          createdAt: now,
          lastModified: now,
        };
        const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.organizationCreated, {
          aggregate: { type: 'organization', uuid, version: 1 },
          organizationUuid: uuid,
          caller,
          data: { organization: snapshot(uuid, state) },
        });
        try {
          await this.repository.insert(uuid, state, [event]);
        } catch (error) {
          if (error instanceof DuplicateKeyError) throw request.uuid ? uuidTaken('An organisation', uuid) : cvrTaken(request.cvr ?? '');
          throw error;
        }
        return toResponse(caller, { ...state, uuid, version: 1 });
      },
      async () => ((await this.repository.findByUuid(uuid)) ? this.get(caller, uuid) : null),
      { derived: !request.uuid },
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<OrganizationResponse> {
    requireUser(caller);
    const organization = await this.repository.findByUuid(uuid);
    if (!organization) throw DomainError.notFound('Organisation', uuid);
    return toResponse(caller, organization);
  }

  async list(caller: CallerContext, query: ListOrganizationsQuery): Promise<OrganizationResponse[]> {
    requireUser(caller);
    const organizations = await this.repository.list({
      nameContent: query.nameContent,
      cvrContent: query.cvrContent,
      nameOrCvrContent: query.nameOrCvrContent,
      uuid: query.uuid,
      uuidIn: query.onlyWhereUserHasMembership ? memberOrganizations(caller) : undefined,
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
    });
    return organizations.map((o) => toResponse(caller, o));
  }

  /**
   * Changes the fields sent: name, CVR and type by global administrators; contact details, data controller and DPO also
   * by the organisation's local administrators. The `updated` event carries the new snapshot, so the GDPR record,
   * the directories and the reports follow.
   */
  async patch(
    caller: CallerContext,
    uuid: string,
    changes: Partial<PatchOrganizationRequest>,
    expectedVersion?: number,
  ): Promise<OrganizationResponse> {
    const globalOnly = GLOBAL_ADMIN_FIELDS.filter((f) => changes[f] !== undefined);
    if (!caller.isGlobalAdmin) {
      if (!hasRole(caller, uuid, 'LocalAdmin')) throw DomainError.forbidden('Only administrators change the organisation');
      if (globalOnly.length) throw DomainError.forbidden(`Only global administrators change ${globalOnly.join(', ')}`);
    }
    const current = await this.repository.findByUuid(uuid);
    if (!current) throw DomainError.notFound('Organisation', uuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw DomainError.stale(`Organisation ${uuid}`, expectedVersion);
    const set: Record<string, unknown> = {};
    const fieldChanges: FieldChange[] = [];
    for (const field of [...GLOBAL_ADMIN_FIELDS, ...LOCAL_ADMIN_FIELDS]) {
      const value = changes[field];
      if (value === undefined) continue;
      const next = value ?? null;
      if (JSON.stringify(next) === JSON.stringify(current[field] ?? null)) continue;
      set[field] = next;
      fieldChanges.push({ field, oldValue: current[field] ?? null, newValue: next });
    }
    if (!fieldChanges.length) return toResponse(caller, current);
    if (set.name !== undefined) set.nameKey = (set.name as string).toLocaleLowerCase('da');
    if (set.cvr !== undefined) {
      const cvr = set.cvr as string | null;
      if (cvr) {
        const holder = await this.repository.findByCvr(cvr);
        if (holder && holder.uuid !== uuid) throw cvrTaken(cvr);
      }
      set.cvrKey = cvr ?? `none:${uuid}`;
    }
    const now = this.clock.now();
    set.lastModified = now;
    const next = { ...current, ...set } as Stored<Organization>;
    const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.organizationUpdated, {
      aggregate: { type: 'organization', uuid, version: current.version + 1 },
      organizationUuid: uuid,
      caller,
      data: { organization: snapshot(uuid, next), changes: fieldChanges },
    });
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw cvrTaken((set.cvr as string) ?? '');
      if (error instanceof StaleVersionError) throw DomainError.stale(`Organisation ${uuid}`, expectedVersion);
      throw error;
    }
    return toResponse(caller, { ...next, version: current.version + 1 });
  }

  /** Organisation records of several uuids (missing ones left out), for mapping roles to organisation types. */
  async many(uuids: readonly string[]): Promise<Stored<Organization>[]> {
    return uuids.length ? this.repository.findMany(uuids) : [];
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators delete organisations');
    const current = await this.repository.findByUuid(uuid);
    if (!current) throw DomainError.notFound('Organisation', uuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version)
      throw DomainError.stale(`Organisation ${uuid}`, expectedVersion);
    const now = this.clock.now();
    const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.organizationDeleted, {
      aggregate: { type: 'organization', uuid, version: current.version + 1 },
      organizationUuid: uuid,
      caller,
      data: { uuid, name: current.name },
    });
    try {
      await this.repository.markDeleted(uuid, current.version, { cvrKey: `deleted:${uuid}` }, [event], now);
    } catch (error) {
      if (error instanceof StaleVersionError) throw DomainError.stale(`Organisation ${uuid}`, expectedVersion);
      throw error;
    }
  }
}

const GLOBAL_ADMIN_FIELDS = ['name', 'cvr', 'organizationType'] as const;
const LOCAL_ADMIN_FIELDS = ['address', 'email', 'phone', 'contactPerson', 'dataController', 'dataProtectionOfficer'] as const;

function cvrTaken(cvr: string): DomainError {
  return DomainError.conflict(`An organisation with CVR ${cvr} already exists`);
}

function snapshot(uuid: string, o: Organization): OrganizationSnapshot {
  return {
    uuid,
    name: o.name,
    cvr: o.cvr,
    organizationType: o.organizationType,
    address: o.address,
    email: o.email,
    phone: o.phone,
    dataController: o.dataController,
    dataProtectionOfficer: o.dataProtectionOfficer,
  };
}

function toResponse(caller: CallerContext, o: Stored<Organization>): OrganizationResponse {
  const member = isMember(caller, o.uuid);
  return {
    uuid: o.uuid,
    name: o.name,
    cvr: o.cvr,
    organizationType: o.organizationType,
    masterData: member
      ? {
          address: o.address,
          email: o.email,
          phone: o.phone,
          contactPerson: o.contactPerson,
          dataController: o.dataController,
          dataProtectionOfficer: o.dataProtectionOfficer,
        }
      : null,
    version: o.version,
  };
}
