import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, ID_GENERATOR, systemCaller, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import { IdentityEvents, type OrganizationRight, type UserSnapshot } from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { AuditRepository } from '../auth/audit.repository';
import { TokensService } from '../auth/tokens.service';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { emailKeyOf, type SsoIdentity, type User } from '../users/user';
import { UsersRepository } from '../users/users.repository';
import { OioBppError } from './oio-bpp';
import { rolesFromPrivileges, type ScopedRole } from './privilege-roles';
import { mapSamlAttributes, type SamlAttributes, type SamlPrincipal } from './saml-attributes';
import { SAML_SETTINGS, type IdentityProviderSettings, type SamlSettings } from './saml-settings';
import { SamlUsersRepository } from './saml-users.repository';
import { SamlRefusal, SamlRefusalReason } from './saml.errors';

export interface SamlSession {
  readonly token: string;
  readonly expires: string;
  readonly userUuid: string;
}

const ATTEMPTS = 3;

/**
 * Signs in the person a verified assertion names: maps the attributes (OIOSAML 3 or 2) to organisation roles by the
 * OIO-BPP privileges, finds the user by their SSO identity or e-mail or provisions them just in time, sets their
 * rights to exactly what the privileges grant, and issues a session token.
 */
@Injectable()
export class SamlLoginService {
  constructor(
    private readonly users: UsersRepository,
    private readonly ssoUsers: SamlUsersRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly tokens: TokensService,
    private readonly audit: AuditRepository,
    @Inject(SAML_SETTINGS) private readonly settings: SamlSettings | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  private get privilegeRoles(): SamlSettings['privilegeRoles'] {
    if (!this.settings) throw new Error('SAML is not configured');
    return this.settings.privilegeRoles;
  }

  async login(
    caller: CallerContext,
    idp: IdentityProviderSettings,
    assertion: { readonly nameId: string | null; readonly nameIdFormat: string | null; readonly attributes: SamlAttributes },
  ): Promise<SamlSession> {
    let principal: SamlPrincipal;
    try {
      principal = mapSamlAttributes(assertion, idp.attributeProfile);
    } catch (error) {
      if (error instanceof OioBppError) throw new SamlRefusal(SamlRefusalReason.InvalidPrivileges);
      throw error;
    }
    const rights = await this.rightsOf(idp, principal);
    const organizationUuids = [...new Set(rights.map((r) => r.organizationUuid))];
    // the events and audit entries of the sign-in are the system's doing
    const system = systemCaller(caller.correlationId);
    const identity = principal.persistentId ? { idp: idp.id, nameId: principal.persistentId } : null;

    let userUuid: string | null = null;
    for (let attempt = 1; !userUuid; attempt++) {
      try {
        userUuid = await this.signIn(system, idp, principal, identity, rights, organizationUuids);
      } catch (error) {
        const concurrent = error instanceof StaleVersionError || error instanceof DuplicateKeyError;
        if (!concurrent || attempt >= ATTEMPTS) throw error;
      }
    }
    const issued = await this.tokens.issue(userUuid, 'session', 'saml');
    await this.audit.record({
      action: 'login.succeeded',
      actorUserUuid: userUuid,
      subjectUuid: userUuid,
      organizationUuids,
      detail: `SAML login through ${idp.id}: session token until ${issued.expires.toISOString()}`,
      correlationId: caller.correlationId,
    });
    return { token: issued.token, expires: issued.expires.toISOString(), userUuid };
  }

  /** The rights the privileges grant in organisations that exist here, or a refusal when there are none. */
  private async rightsOf(idp: IdentityProviderSettings, principal: SamlPrincipal): Promise<OrganizationRight[]> {
    const trusted = (cvr: string) => !idp.trustedCvrs || idp.trustedCvrs.includes(cvr);
    let scoped: ScopedRole[] = rolesFromPrivileges(principal.privilegeGroups, this.privilegeRoles).filter((r) => trusted(r.cvr));
    if (!scoped.length && idp.defaultRole && principal.cvr && trusted(principal.cvr))
      scoped = [{ cvr: principal.cvr, role: idp.defaultRole }];
    if (!scoped.length) throw new SamlRefusal(SamlRefusalReason.MissingPrivileges);
    const rights: OrganizationRight[] = [];
    for (const cvr of [...new Set(scoped.map((r) => r.cvr))]) {
      const organization = await this.organizations.findByCvr(cvr);
      if (!organization) continue;
      for (const { role } of scoped.filter((r) => r.cvr === cvr)) rights.push({ organizationUuid: organization.uuid, role });
    }
    if (!rights.length) throw new SamlRefusal(SamlRefusalReason.UnknownOrganization);
    return rights;
  }

  private async signIn(
    system: CallerContext,
    idp: IdentityProviderSettings,
    principal: SamlPrincipal,
    identity: SsoIdentity | null,
    rights: OrganizationRight[],
    organizationUuids: string[],
  ): Promise<string> {
    const user =
      (identity && (await this.ssoUsers.findBySsoIdentity(identity.idp, identity.nameId))) ??
      (principal.email ? await this.users.findByEmail(emailKeyOf(principal.email)) : null);
    if (!user) return this.provision(system, idp, principal, identity, rights, organizationUuids);
    if (user.hasApiAccess) throw new SamlRefusal(SamlRefusalReason.ApiUser, { userUuid: user.uuid, organizationUuids });
    await this.update(system, idp, user, identity, rights);
    return user.uuid;
  }

  private async provision(
    system: CallerContext,
    idp: IdentityProviderSettings,
    principal: SamlPrincipal,
    identity: SsoIdentity | null,
    rights: OrganizationRight[],
    organizationUuids: string[],
  ): Promise<string> {
    if (!principal.email) throw new SamlRefusal(SamlRefusalReason.MissingEmail, { organizationUuids });
    const uuid = this.ids.uuid();
    const now = this.clock.now();
    const state: User = {
      firstName: principal.firstName || principal.email.split('@')[0],
      lastName: principal.lastName || '-',
      email: principal.email,
      emailKey: emailKeyOf(principal.email),
      phoneNumber: null,
      passwordHash: null,
      hasApiAccess: false,
      hasStakeholderAccess: false,
      isSystemIntegrator: false,
      isGlobalAdmin: false,
      rights,
      createdAt: now,
      lastModified: now,
      ssoIdentities: identity ? [identity] : [],
    };
    const event = buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.userCreated, {
      aggregate: { type: 'user', uuid, version: 1 },
      organizationUuid: null,
      caller: system,
      data: { user: snapshot(uuid, state) },
    });
    await this.users.insert(uuid, state, [event]);
    await this.audit.record({
      action: 'user.created',
      actorUserUuid: null,
      subjectUuid: uuid,
      organizationUuids,
      detail: `provisioned at the first SAML login through ${idp.id} with ${describe(rights)}`,
      correlationId: system.correlationId,
    });
    return uuid;
  }

  /** Sets the rights to exactly those of the privileges and remembers the SSO identity. */
  private async update(
    system: CallerContext,
    idp: IdentityProviderSettings,
    user: Stored<User>,
    identity: SsoIdentity | null,
    rights: OrganizationRight[],
  ): Promise<void> {
    const known = user.ssoIdentities ?? [];
    const newIdentity = identity && !known.some((i) => i.idp === identity.idp && i.nameId === identity.nameId);
    const rightsChanged = !sameRights(user.rights, rights);
    if (!newIdentity && !rightsChanged) return;
    const set: Record<string, unknown> = { lastModified: this.clock.now() };
    if (newIdentity) set.ssoIdentities = [...known.filter((i) => i.idp !== identity.idp), identity];
    const events: PendingEvent[] = [];
    if (rightsChanged) {
      set.rights = rights;
      events.push(
        buildEvent({ clock: this.clock, ids: this.ids }, IdentityEvents.userUpdated, {
          aggregate: { type: 'user', uuid: user.uuid, version: user.version + 1 },
          organizationUuid: null,
          caller: system,
          data: { user: snapshot(user.uuid, { ...user, rights }), changes: [{ field: 'rights', oldValue: user.rights, newValue: rights }] },
        }),
      );
    }
    await this.users.update(user.uuid, user.version, set, events);
    if (rightsChanged) {
      await this.audit.record({
        action: 'rights.changed',
        actorUserUuid: null,
        subjectUuid: user.uuid,
        organizationUuids: [...new Set([...user.rights, ...rights].map((r) => r.organizationUuid))],
        detail: `set from the SAML privileges of ${idp.id}: ${describe(user.rights)} → ${describe(rights)}`,
        correlationId: system.correlationId,
      });
    }
  }
}

function sameRights(a: readonly OrganizationRight[], b: readonly OrganizationRight[]): boolean {
  const key = (r: OrganizationRight) => `${r.organizationUuid}/${r.role}`;
  const left = new Set(a.map(key));
  return left.size === new Set(b.map(key)).size && b.every((r) => left.has(key(r)));
}

function describe(rights: readonly OrganizationRight[]): string {
  return rights.length ? rights.map((r) => `${r.role} in ${r.organizationUuid}`).join(', ') : 'no rights';
}

function snapshot(uuid: string, u: User): UserSnapshot {
  return { uuid, name: `${u.firstName} ${u.lastName}`, isGlobalAdmin: u.isGlobalAdmin, rights: u.rights };
}
