import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  hasRole,
  isMember,
  type CallerContext,
  type Clock,
  type CrossOrganizationRead,
  type IdGenerator,
  chosenUuid,
  createOnce,
  newAggregateUuid,
  uuidTaken,
} from '@kitos/common';
import {
  IdentityEvents,
  MAX_PAGE_SIZE,
  type CreateUserRequest,
  type FieldChange,
  type OrganizationRight,
  type OrganizationRoleName,
  type PatchUserRequest,
  type RoleHandoverResponse,
  type UserResponse,
  type UserSnapshot,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored } from '@kitos/persistence';
import { AuditRepository } from '../auth/audit.repository';
import { hashPassword } from '@kitos/security';
import { OrganizationsService } from '../organizations/organizations.service';
import { RoleHandover } from './role-handover';
import { emailKeyOf, type User } from './user';
import { UsersRepository } from './users.repository';

/** Users and their organisation rights. Personal data (e-mail, phone) stays in this service. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditRepository,
    private readonly handover: RoleHandover,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Global admins create anyone; local and organisation-module admins create users with rights in their own organisations. */
  async create(caller: CallerContext, request: CreateUserRequest, options: { globalAdmin?: boolean } = {}): Promise<UserResponse> {
    const rights = dedupe(request.rights ?? []);
    if (!caller.isGlobalAdmin && (options.globalAdmin || request.hasStakeholderAccess || request.isSystemIntegrator)) {
      throw DomainError.forbidden('Only global administrators grant global, stakeholder or system-integrator rights');
    }
    if (!caller.isGlobalAdmin && !rights.length)
      throw DomainError.forbidden('A user you create must get a role in one of your organisations');
    for (const right of rights) {
      if (!canAssign(caller, right.organizationUuid, right.role)) {
        throw DomainError.forbidden(`You may not grant ${right.role} in organisation ${right.organizationUuid}`);
      }
    }
    const known = await this.organizations.many([...new Set(rights.map((r) => r.organizationUuid))]);
    const unknown = rights.filter((r) => !known.some((o) => o.uuid === r.organizationUuid));
    if (unknown.length) {
      throw DomainError.badInput(
        'Every right must name an existing organisation',
        unknown.map((r) => ({ field: 'rights', message: `organisation ${r.organizationUuid} does not exist` })),
      );
    }
    const uuid = chosenUuid(caller, rights[0]?.organizationUuid ?? null, request.uuid, () => newAggregateUuid(this.ids, caller, 'user'));
    // a retry of a create whose answer was lost (Idempotency-Key): the user the first run made, as it is now
    if (!request.uuid && caller.idempotencyKey && (await this.repository.findByUuid(uuid))) return this.get(caller, uuid);
    // a retry that overtook its first run finds the e-mail (or `_id`) taken by that run's user: that is its answer
    return createOnce(
      caller,
      async () => {
        const emailKey = emailKeyOf(request.email);
        if (await this.repository.findByEmail(emailKey)) throw emailTaken();
        if (request.uuid && (await this.repository.findByUuid(uuid))) throw uuidTaken('A user', uuid);
        const now = this.clock.now();
        const state: User = {
          firstName: request.firstName,
          lastName: request.lastName,
          email: request.email.trim(),
          emailKey,
          phoneNumber: request.phoneNumber ?? null,
          passwordHash: request.password ? await hashPassword(request.password) : null,
          hasApiAccess: request.hasApiAccess ?? false,
          hasStakeholderAccess: request.hasStakeholderAccess ?? false,
          isSystemIntegrator: request.isSystemIntegrator ?? false,
          isGlobalAdmin: options.globalAdmin ?? false,
          rights,
          createdAt: now,
          lastModified: now,
        };
        const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.userCreated, {
          aggregate: { type: 'user', uuid, version: 1 },
          organizationUuid: null,
          caller,
          data: { user: snapshot(uuid, state) },
        });
        try {
          await this.repository.insert(uuid, state, [event]);
        } catch (error) {
          if (error instanceof DuplicateKeyError) throw emailTaken();
          throw error;
        }
        return toResponse({ ...state, uuid, version: 1 });
      },
      async () => ((await this.repository.findByUuid(uuid)) ? this.get(caller, uuid) : null),
      { derived: !request.uuid },
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<UserResponse> {
    return toResponse(await this.load(caller, uuid));
  }

  /** Changes only the fields sent. Users edit their own names; admins of one of the user's organisations edit the rest. */
  async patch(caller: CallerContext, uuid: string, changes: PatchUserRequest, expectedVersion?: number): Promise<UserResponse> {
    const user = await this.load(caller, uuid);
    requireVersion(user, expectedVersion);
    const self = caller.userUuid === uuid;
    const admin = this.administers(caller, user);
    if ((changes.hasStakeholderAccess !== undefined || changes.isSystemIntegrator !== undefined) && !caller.isGlobalAdmin) {
      throw DomainError.forbidden('Only global administrators change stakeholder or system-integrator access');
    }
    if (changes.hasApiAccess !== undefined && !admin)
      throw DomainError.forbidden("Only an administrator of the user's organisation changes API access");
    if (!admin && !self) throw DomainError.forbidden('You may not change this user');
    const fieldChanges: FieldChange[] = [];
    const set: Record<string, unknown> = {};
    for (const field of ['firstName', 'lastName', 'phoneNumber', 'hasApiAccess', 'hasStakeholderAccess', 'isSystemIntegrator'] as const) {
      const value = changes[field];
      if (value === undefined || value === user[field]) continue;
      fieldChanges.push({
        field,
        oldValue: field === 'phoneNumber' ? null : user[field],
        newValue: field === 'phoneNumber' ? null : value,
      });
      set[field] = value;
    }
    if (!fieldChanges.length) return toResponse(user);
    const next = { ...user, ...set } as Stored<User>;
    await this.save(caller, next, set, fieldChanges, expectedVersion);
    if (changes.hasApiAccess !== undefined && changes.hasApiAccess !== user.hasApiAccess) {
      await this.audit.record({
        action: 'rights.changed',
        actorUserUuid: caller.userUuid,
        subjectUuid: uuid,
        organizationUuids: user.rights.map((r) => r.organizationUuid),
        detail: `API access ${changes.hasApiAccess ? 'granted' : 'revoked'}`,
        correlationId: caller.correlationId,
      });
    }
    return toResponse({ ...next, version: user.version + 1 });
  }

  /** Deletes a user everywhere (global admins; never yourself). The user's tokens stop working at once. */
  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators delete users everywhere');
    if (caller.userUuid === uuid) throw DomainError.forbidden('You cannot delete yourself');
    const user = await this.load(caller, uuid);
    requireVersion(user, expectedVersion);
    const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.userDeleted, {
      aggregate: { type: 'user', uuid, version: user.version + 1 },
      organizationUuid: null,
      caller,
      data: { uuid },
    });
    try {
      await this.repository.markDeleted(uuid, user.version, { emailKey: `deleted:${uuid}` }, [event], this.clock.now());
    } catch (error) {
      if (error instanceof StaleVersionError) throw staleUser(uuid, expectedVersion);
      throw error;
    }
    await this.audit.record({
      action: 'rights.changed',
      actorUserUuid: caller.userUuid,
      subjectUuid: uuid,
      organizationUuids: user.rights.map((r) => r.organizationUuid),
      detail: 'user deleted',
      correlationId: caller.correlationId,
    });
  }

  async listInOrganization(
    caller: CallerContext,
    organizationUuid: string,
    query: { nameOrEmailQuery?: string; emailQuery?: string; roleQuery?: string; page?: number; pageSize?: number },
  ): Promise<UserResponse[]> {
    await this.requireOrganizationMember(caller, organizationUuid);
    const users = await this.repository.listByOrganization({
      organizationUuid,
      nameOrEmail: query.nameOrEmailQuery,
      email: query.emailQuery,
      role: query.roleQuery,
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
    });
    return users.map((u) => toResponse(u, organizationUuid));
  }

  /** One user of an organisation (KITOS `GET organizations/{org}/users/{user}`): 404 unless the user holds a role there. */
  async getInOrganization(caller: CallerContext, organizationUuid: string, uuid: string): Promise<UserResponse> {
    await this.requireOrganizationMember(caller, organizationUuid);
    const user = await this.repository.findByUuid(uuid);
    if (!user || !user.rights.some((r) => r.organizationUuid === organizationUuid))
      throw DomainError.notFound('User in the organisation', uuid);
    return toResponse(user, organizationUuid);
  }

  /** As KITOS: an unknown organisation → 404, another organisation's users → 403. */
  private async requireOrganizationMember(caller: CallerContext, organizationUuid: string): Promise<void> {
    await this.requireOrganization(organizationUuid);
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('Only members see the users of an organisation');
  }

  async addRole(caller: CallerContext, organizationUuid: string, uuid: string, role: OrganizationRoleName): Promise<UserResponse> {
    await this.requireOrganization(organizationUuid);
    if (!canAssign(caller, organizationUuid, role)) throw DomainError.forbidden(`You may not grant ${role} in this organisation`);
    const user = await this.load(caller, uuid, true);
    if (user.rights.some((r) => r.organizationUuid === organizationUuid && r.role === role))
      throw DomainError.conflict(`The user already has ${role} in this organisation`);
    return this.changeRights(caller, user, [...user.rights, { organizationUuid, role }], `granted ${role}`, organizationUuid);
  }

  async removeRole(caller: CallerContext, organizationUuid: string, uuid: string, role: OrganizationRoleName): Promise<UserResponse> {
    if (!canAssign(caller, organizationUuid, role)) throw DomainError.forbidden(`You may not remove ${role} in this organisation`);
    const user = await this.load(caller, uuid);
    if (!user.rights.some((r) => r.organizationUuid === organizationUuid && r.role === role)) {
      throw DomainError.badInput(`The user does not have ${role} in this organisation`, [{ field: 'role', message: 'not assigned' }]);
    }
    return this.changeRights(
      caller,
      user,
      user.rights.filter((r) => !(r.organizationUuid === organizationUuid && r.role === role)),
      `removed ${role}`,
      organizationUuid,
    );
  }

  /** Removes a user from one organisation: all of their roles there (global admins and that organisation's local admins). */
  async removeFromOrganization(caller: CallerContext, organizationUuid: string, uuid: string, expectedVersion?: number): Promise<void> {
    if (!hasRole(caller, organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only local administrators remove users from the organisation');
    const user = await this.load(caller, uuid);
    if (!user.rights.some((r) => r.organizationUuid === organizationUuid)) throw DomainError.notFound('User in organisation', uuid);
    requireVersion(user, expectedVersion);
    await this.changeRights(
      caller,
      user,
      user.rights.filter((r) => r.organizationUuid !== organizationUuid),
      'removed from the organisation',
      organizationUuid,
      expectedVersion,
    );
  }

  /**
   * Gives another user all of one user's roles in an organisation (copy), and with `transfer` takes them from the
   * first user afterwards: roles are added before they are removed, so an interruption never loses one. The roles
   * include the per-object roles on the organisation's usages, contracts, data processing registrations and projects
   * (through the services that own them): every service adds before any removes, and a re-run completes an
   * interrupted handover.
   */
  async copyRoles(
    caller: CallerContext,
    organizationUuid: string,
    fromUuid: string,
    toUuid: string,
    transfer: boolean,
  ): Promise<RoleHandoverResponse> {
    if (fromUuid === toUuid) throw DomainError.conflict('A user cannot receive their own roles');
    await this.requireOrganization(organizationUuid);
    const from = await this.load(caller, fromUuid);
    const to = await this.load(caller, toUuid, true);
    const roles = from.rights.filter((r) => r.organizationUuid === organizationUuid);
    for (const right of roles) {
      if (!canAssign(caller, organizationUuid, right.role))
        throw DomainError.forbidden(`You may not grant ${right.role} in this organisation`);
    }
    const missing = roles.filter((r) => !to.rights.some((t) => t.organizationUuid === r.organizationUuid && t.role === r.role));
    const result = missing.length
      ? await this.changeRights(caller, to, [...to.rights, ...missing], `received roles from ${fromUuid}`, organizationUuid)
      : toResponse(to);
    const command = { organizationUuid, fromUserUuid: fromUuid, toUserUuid: toUuid };
    const objects = await this.handover.step(caller, command, 'add');
    if (transfer) await this.handover.step(caller, command, 'remove');
    if (transfer && roles.length) {
      await this.changeRights(
        caller,
        from,
        from.rights.filter((r) => r.organizationUuid !== organizationUuid),
        `roles transferred to ${toUuid}`,
        organizationUuid,
      );
    }
    return { ...result, handover: { organizationRoles: roles.map((r) => r.role), objects, removedFromLeaver: transfer } };
  }

  private async changeRights(
    caller: CallerContext,
    user: Stored<User>,
    rights: OrganizationRight[],
    detail: string,
    organizationUuid: string,
    expectedVersion?: number,
  ): Promise<UserResponse> {
    const next = { ...user, rights };
    await this.save(caller, next, { rights }, [{ field: 'rights', oldValue: user.rights, newValue: rights }], expectedVersion);
    await this.audit.record({
      action: 'rights.changed',
      actorUserUuid: caller.userUuid,
      subjectUuid: user.uuid,
      organizationUuids: [organizationUuid],
      detail,
      correlationId: caller.correlationId,
    });
    return toResponse({ ...next, version: user.version + 1 });
  }

  /** `expectedVersion`: the If-Match of the request, if any (a lost race is then 412, otherwise 409). */
  private async save(
    caller: CallerContext,
    next: Stored<User>,
    set: Record<string, unknown>,
    changes: FieldChange[],
    expectedVersion?: number,
  ): Promise<void> {
    const version = next.version + 1;
    const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.userUpdated, {
      aggregate: { type: 'user', uuid: next.uuid, version },
      organizationUuid: null,
      caller,
      data: { user: snapshot(next.uuid, next), changes },
    });
    try {
      await this.repository.update(next.uuid, next.version, { ...set, lastModified: this.clock.now() }, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError) throw staleUser(next.uuid, expectedVersion);
      throw error;
    }
  }

  /** A user visible to the caller, or not found (members of other organisations are not disclosed). */
  private async load(caller: CallerContext, uuid: string, anyUser = false): Promise<Stored<User>> {
    const user = await this.repository.findByUuid(uuid);
    const visible =
      user &&
      (anyUser || caller.isGlobalAdmin || caller.userUuid === uuid || user.rights.some((r) => isMember(caller, r.organizationUuid)));
    if (!visible) throw DomainError.notFound('User', uuid);
    return user;
  }

  private administers(caller: CallerContext, user: Stored<User>): boolean {
    return caller.isGlobalAdmin || user.rights.some((r) => hasRole(caller, r.organizationUuid, 'LocalAdmin', 'OrganizationModuleAdmin'));
  }

  private async requireOrganization(organizationUuid: string): Promise<void> {
    if (!(await this.organizations.many([organizationUuid])).length) throw DomainError.notFound('Organisation', organizationUuid);
  }

  /**
   * The caller context behind a verified token: the user's current rights, read on every request so that a
   * revoked right or API access takes effect at once. API tokens of users who lost API access → 403.
   */
  async resolveCaller(userUuid: string, tokenType: 'api' | 'session', correlationId: string): Promise<CallerContext> {
    const user = await this.repository.findByUuid(userUuid);
    if (!user) throw new DomainError(ErrorCode.Unauthenticated, 'The token belongs to a user who no longer exists');
    if (tokenType === 'api' && !user.hasApiAccess) throw DomainError.forbidden('You no longer have access to the API');
    if (!user.isGlobalAdmin && !user.rights.length)
      throw new DomainError(ErrorCode.Unauthenticated, 'The user has no role in any organisation');
    const organizations = await this.organizations.many([...new Set(user.rights.map((r) => r.organizationUuid))]);
    const rights = user.rights.filter((r) => organizations.some((o) => o.uuid === r.organizationUuid));
    const inMunicipality = organizations.some((o) => o.organizationType === 'Municipality');
    const crossOrganizationRead: CrossOrganizationRead = user.isGlobalAdmin
      ? 'All'
      : rights.some((r) => r.role === 'RightsHolderAccess')
        ? 'RightsHolder'
        : inMunicipality || user.hasStakeholderAccess
          ? 'Public'
          : 'None';
    return {
      kind: 'user',
      userUuid,
      isGlobalAdmin: user.isGlobalAdmin,
      organizationRoles: rights,
      correlationId,
      crossOrganizationRead,
      isStakeholder: user.hasStakeholderAccess,
      isSystemIntegrator: user.isSystemIntegrator,
    };
  }
}

/** Who may grant which organisation role (KITOS): global admin and rights-holder access only by global admins. */
export function canAssign(caller: CallerContext, organizationUuid: string, role: string): boolean {
  switch (role) {
    case 'RightsHolderAccess':
      return caller.isGlobalAdmin;
    case 'LocalAdmin':
    case 'SystemModuleAdmin':
    case 'ContractModuleAdmin':
      return hasRole(caller, organizationUuid, 'LocalAdmin');
    case 'User':
    case 'OrganizationModuleAdmin':
      return hasRole(caller, organizationUuid, 'LocalAdmin', 'OrganizationModuleAdmin');
    default:
      return false;
  }
}

function dedupe<T extends { organizationUuid: string; role: string }>(rights: readonly T[]): T[] {
  return rights.filter((r, i) => rights.findIndex((o) => o.organizationUuid === r.organizationUuid && o.role === r.role) === i);
}

function emailTaken(): DomainError {
  return DomainError.conflict('The e-mail address is already in use');
}

function snapshot(uuid: string, u: User): UserSnapshot {
  return { uuid, name: `${u.firstName} ${u.lastName}`, isGlobalAdmin: u.isGlobalAdmin, rights: u.rights };
}

/** A write with If-Match against a user that has moved on (the store's version filter is what makes it atomic). */
function requireVersion(user: Stored<User>, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== user.version) throw staleUser(user.uuid, expectedVersion);
}

function staleUser(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`User ${uuid}`, expectedVersion);
}

/** `organizationUuid`: the organisation whose roles KITOS's `roles` lists (all of the user's roles without it). */
export function toResponse(u: Stored<User>, organizationUuid?: string): UserResponse {
  return {
    uuid: u.uuid,
    firstName: u.firstName,
    lastName: u.lastName,
    name: `${u.firstName} ${u.lastName}`,
    email: u.email,
    phoneNumber: u.phoneNumber,
    hasApiAccess: u.hasApiAccess,
    hasStakeholderAccess: u.hasStakeholderAccess,
    isSystemIntegrator: u.isSystemIntegrator,
    isGlobalAdmin: u.isGlobalAdmin,
    rights: u.rights,
    apiAccess: u.hasApiAccess,
    roles: [...new Set(u.rights.filter((r) => !organizationUuid || r.organizationUuid === organizationUuid).map((r) => r.role))],
    version: u.version,
  };
}
