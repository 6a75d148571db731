import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ErrorCode, ID_GENERATOR, hasRole, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import { IdentityEvents, type CreateUserRequest, type EventEnvelope, type UserResponse, type UserSnapshot } from '@kitos/contracts';
import { DuplicateKeyError, buildEvent, type Stored } from '@kitos/persistence';
import { hashPassword } from '@kitos/security';
import { OrganizationsService } from '../organizations/organizations.service';
import { emailKeyOf, type User } from './user';
import { UsersRepository } from './users.repository';

export type CrossOrganizationRead = 'All' | 'RightsHolder' | 'Public' | 'None';

/** Users and their organisation rights. Personal data (e-mail, phone) stays in this service. */
@Injectable()
export class UsersService {
  constructor(
    private readonly repository: UsersRepository,
    private readonly organizations: OrganizationsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** Global admins create anyone; local and organisation-module admins create users with rights in their own organisations. */
  async create(caller: CallerContext, request: CreateUserRequest, options: { globalAdmin?: boolean } = {}): Promise<UserResponse> {
    const rights = dedupe(request.rights ?? []);
    if (!caller.isGlobalAdmin) {
      if (options.globalAdmin || request.hasStakeholderAccess || request.isSystemIntegrator) {
        throw DomainError.forbidden('Only global administrators grant global, stakeholder or system-integrator rights');
      }
      if (!rights.length) throw DomainError.forbidden('A user you create must get a role in one of your organisations');
      for (const right of rights) {
        const allowed =
          right.role === 'RightsHolderAccess'
            ? false
            : right.role === 'LocalAdmin'
              ? hasRole(caller, right.organizationUuid, 'LocalAdmin')
              : hasRole(caller, right.organizationUuid, 'LocalAdmin', 'OrganizationModuleAdmin');
        if (!allowed) throw DomainError.forbidden(`You may not grant ${right.role} in organisation ${right.organizationUuid}`);
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
    const emailKey = emailKeyOf(request.email);
    if (await this.repository.findByEmail(emailKey)) throw emailTaken();
    const uuid = this.ids.uuid();
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
      failedLogins: 0,
      lockedUntil: null,
      createdAt: now,
      lastModified: now,
    };
    const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.userCreated, {
      aggregate: { type: 'user', uuid, version: 1 },
      organizationUuid: null,
      caller,
      data: { user: snapshot(uuid, state) },
    }) as unknown as EventEnvelope;
    try {
      await this.repository.insert(uuid, state, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw emailTaken();
      throw error;
    }
    return toResponse({ ...state, uuid, version: 1 });
  }

  async get(caller: CallerContext, uuid: string): Promise<UserResponse> {
    const user = await this.repository.findByUuid(uuid);
    const visible =
      user &&
      (caller.isGlobalAdmin ||
        caller.userUuid === uuid ||
        user.rights.some((r) => hasRole(caller, r.organizationUuid, 'LocalAdmin', 'OrganizationModuleAdmin', 'User')));
    if (!visible) throw DomainError.notFound('User', uuid);
    return toResponse(user);
  }

  /**
   * The caller context behind a verified token: the user's current rights, read on every request so that a
   * revoked right or API access takes effect at once. API tokens of users who lost API access → 403.
   */
  async resolveCaller(
    userUuid: string,
    tokenType: 'api' | 'session',
    correlationId: string,
  ): Promise<CallerContext & { crossOrganizationRead: CrossOrganizationRead; isStakeholder: boolean }> {
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
    };
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

export function toResponse(u: Stored<User>): UserResponse {
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
    version: u.version,
  };
}
