import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ErrorCode, ID_GENERATOR, systemCaller, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import { SCIM_SCHEMAS, type OrganizationRoleName, type ScimGroupMapping, type ScimGroupMappingsRequest } from '@kitos/contracts';
import { KeyedMutex, type Stored } from '@kitos/persistence';
import { AuditRepository } from '../auth/audit.repository';
import { requireScimAdmin } from './scim-access';
import { OrganizationsService } from '../organizations/organizations.service';
import { emailKeyOf, type User } from '../users/user';
import { UsersRepository } from '../users/users.repository';
import { UsersService } from '../users/users.service';
import { ScimDirectoryRepository, keyOf, type ScimGroup, type ScimQuery, type ScimUserLink } from './scim-directory.repository';
import { invalidValue, scimError } from './scim-errors';
import { parseScimFilter } from './scim-filter';
import { applyPatch, parsePatchRequest } from './scim-patch';
import { parseGroupInput, parseUserInput, toScimGroup, toScimUser, type ScimGroupInput, type ScimUserInput } from './scim-resources';

type Json = Record<string, unknown>;

/** Who acts for a SCIM request: the organisation of the credential, and the correlation id. */
export interface ScimActor {
  readonly organizationUuid: string;
  readonly credentialUuid: string;
  readonly correlationId: string;
}

export interface ScimListQuery {
  readonly filter?: string;
  readonly startIndex?: number;
  readonly count?: number;
}

export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 200;
const USER_FILTERS = ['userName', 'externalId', 'displayName'];
const GROUP_FILTERS = ['displayName', 'externalId'];
/** Every active provisioned user holds this role in the organisation (read access, as any member). */
const BASE_ROLE: OrganizationRoleName = 'User';

/**
 * SCIM 2.0 Users and Groups of one organisation. Users are identity's user aggregates: every change goes through
 * UsersService (so the same events, audit entries and caller-cache notices as the API); the SCIM attributes, groups
 * and mappings are kept beside them. A user's rights in the organisation follow provisioning: while active, User
 * plus the role of every group they are in whose displayName is mapped; deactivated or deleted, none.
 */
@Injectable()
export class ScimService {
  /** Serialises this process's SCIM writes per organisation (the membership and rights of several documents). */
  private readonly writes = new KeyedMutex();

  constructor(
    private readonly directory: ScimDirectoryRepository,
    private readonly users: UsersService,
    private readonly userStore: UsersRepository,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  // ---- Users

  createUser(actor: ScimActor, body: unknown): Promise<Json> {
    const input = parseUserInput(body);
    return this.writes.run(actor.organizationUuid, async () => {
      const org = actor.organizationUuid;
      const sameName = await this.directory.findLinkByUserName(org, input.userName);
      if (sameName && !sameName.removed) throw uniqueness(`userName ${input.userName} is already provisioned`);
      if (sameName) await this.directory.saveLink({ ...sameName, userName: `removed:${sameName.userUuid}` });
      const existing = await this.userStore.findByEmail(emailKeyOf(input.email));
      const now = this.clock.now();
      let userUuid: string;
      let granted: string[] = [];
      if (existing) {
        // a member of the organisation (or someone provisioned here before) is taken over; anyone else's address is taken
        const link = await this.directory.findLink(org, existing.uuid);
        if (link && !link.removed) throw uniqueness(`The e-mail address is already provisioned as ${link.userName}`);
        if (!link && !existing.rights.some((r) => r.organizationUuid === org))
          throw uniqueness('The e-mail address belongs to a user outside the organisation');
        userUuid = existing.uuid;
        await this.users.patch(this.caller(actor), userUuid, userFields(input));
      } else {
        const created = await this.users.create(this.caller(actor), {
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email,
          phoneNumber: input.phoneNumber,
          ...(input.password ? { password: input.password } : {}),
          rights: [{ organizationUuid: org, role: BASE_ROLE }],
        });
        userUuid = created.uuid;
        granted = [BASE_ROLE];
      }
      const link: ScimUserLink = {
        organizationUuid: org,
        userUuid,
        userName: input.userName,
        externalId: input.externalId,
        displayName: input.displayName,
        active: input.active,
        removed: false,
        grantedRoles: granted,
        createdAt: now,
        lastModified: now,
      };
      await this.directory.saveLink(link);
      await this.reconcile(actor, userUuid);
      await this.record(actor, 'scim.user.changed', userUuid, existing ? 'SCIM: user taken over' : 'SCIM: user provisioned');
      return this.userResource(actor, userUuid);
    });
  }

  async getUser(actor: ScimActor, uuid: string): Promise<Json> {
    return this.userResource(actor, uuid);
  }

  replaceUser(actor: ScimActor, uuid: string, body: unknown): Promise<Json> {
    const input = parseUserInput(body);
    return this.writes.run(actor.organizationUuid, () => this.replaceUserNow(actor, uuid, input));
  }

  patchUser(actor: ScimActor, uuid: string, body: unknown): Promise<Json> {
    const operations = parsePatchRequest(body);
    return this.writes.run(actor.organizationUuid, async () => {
      const current = await this.userResource(actor, uuid);
      return this.replaceUserNow(actor, uuid, parseUserInput(applyPatch(current, operations)));
    });
  }

  /** Deprovisioning: the user loses every right in the organisation and leaves its groups; the user and its history stay. */
  deleteUser(actor: ScimActor, uuid: string): Promise<void> {
    return this.writes.run(actor.organizationUuid, async () => {
      const { link } = await this.loadUser(actor, uuid);
      for (const group of await this.directory.groupsOfUser(actor.organizationUuid, uuid)) {
        await this.directory.saveGroup({ ...group, members: group.members.filter((m) => m !== uuid), lastModified: this.clock.now() });
      }
      await this.directory.saveLink({ ...link, active: false, lastModified: this.clock.now() });
      await this.reconcile(actor, uuid);
      const after = await this.directory.findLink(actor.organizationUuid, uuid);
      if (after) await this.directory.saveLink({ ...after, removed: true });
      await this.record(actor, 'scim.user.changed', uuid, 'SCIM: user deleted (deprovisioned; the user and its history are kept)');
    });
  }

  async listUsers(actor: ScimActor, query: ScimListQuery): Promise<Json> {
    const match: ScimQuery['match'] = {};
    for (const clause of query.filter ? parseScimFilter(query.filter, USER_FILTERS) : []) {
      if (clause.attribute === 'externalId') match.externalId = stringOrNull(clause.value, clause.attribute);
      else if (clause.attribute === 'userName') match.userNameKey = keyOf(stringValue(clause.value, clause.attribute));
      else match.displayNameKey = keyOf(stringValue(clause.value, clause.attribute));
    }
    const { skip, limit, startIndex } = paging(query);
    const page = await this.directory.listLinks(actor.organizationUuid, { match, skip, limit });
    const groups = page.items.length
      ? (await this.directory.listGroups(actor.organizationUuid, { match: {}, skip: 0, limit: 100_000 })).items
      : [];
    const resources: Json[] = [];
    for (const link of page.items) {
      const user = await this.userStore.findByUuid(link.userUuid);
      if (user)
        resources.push(
          toScimUser(
            link,
            user,
            groups.filter((g) => g.members.includes(link.userUuid)),
          ),
        );
    }
    return listResponse(page.total, startIndex, resources);
  }

  // ---- Groups

  createGroup(actor: ScimActor, body: unknown): Promise<Json> {
    const input = parseGroupInput(body);
    return this.writes.run(actor.organizationUuid, async () => {
      if (await this.directory.findGroupByDisplayName(actor.organizationUuid, input.displayName))
        throw uniqueness(`A group named ${input.displayName} exists`);
      await this.requireMembers(actor, input.members);
      const now = this.clock.now();
      const group: ScimGroup = {
        uuid: this.ids.uuid(),
        organizationUuid: actor.organizationUuid,
        displayName: input.displayName,
        externalId: input.externalId,
        members: input.members,
        createdAt: now,
        lastModified: now,
      };
      await this.directory.saveGroup(group);
      for (const member of group.members) await this.reconcile(actor, member);
      await this.record(
        actor,
        'scim.group.changed',
        group.uuid,
        `SCIM: group ${group.displayName} created with ${group.members.length} members`,
      );
      return toScimGroup(group);
    });
  }

  async getGroup(actor: ScimActor, uuid: string): Promise<Json> {
    return toScimGroup(await this.loadGroup(actor, uuid));
  }

  replaceGroup(actor: ScimActor, uuid: string, body: unknown): Promise<Json> {
    const input = parseGroupInput(body);
    return this.writes.run(actor.organizationUuid, () => this.replaceGroupNow(actor, uuid, input));
  }

  patchGroup(actor: ScimActor, uuid: string, body: unknown): Promise<Json> {
    const operations = parsePatchRequest(body);
    return this.writes.run(actor.organizationUuid, async () => {
      const current = toScimGroup(await this.loadGroup(actor, uuid));
      return this.replaceGroupNow(actor, uuid, parseGroupInput(applyPatch(current, operations)));
    });
  }

  deleteGroup(actor: ScimActor, uuid: string): Promise<void> {
    return this.writes.run(actor.organizationUuid, async () => {
      const group = await this.loadGroup(actor, uuid);
      await this.directory.deleteGroup(actor.organizationUuid, uuid);
      for (const member of group.members) await this.reconcile(actor, member);
      await this.record(actor, 'scim.group.changed', uuid, `SCIM: group ${group.displayName} deleted`);
    });
  }

  async listGroups(actor: ScimActor, query: ScimListQuery): Promise<Json> {
    const match: ScimQuery['match'] = {};
    for (const clause of query.filter ? parseScimFilter(query.filter, GROUP_FILTERS) : []) {
      if (clause.attribute === 'externalId') match.externalId = stringOrNull(clause.value, clause.attribute);
      else match.displayNameKey = keyOf(stringValue(clause.value, clause.attribute));
    }
    const { skip, limit, startIndex } = paging(query);
    const page = await this.directory.listGroups(actor.organizationUuid, { match, skip, limit });
    return listResponse(page.total, startIndex, page.items.map(toScimGroup));
  }

  // ---- Group → role mappings (local administrators, through the normal API)

  /** The mappings and their version (the ETag; 0 while never written). */
  async mappings(caller: CallerContext, organizationUuid: string): Promise<{ mappings: ScimGroupMapping[]; version: number }> {
    await requireScimAdmin(caller, organizationUuid, this.organizations);
    return this.directory.mappings(organizationUuid);
  }

  async setMappings(
    caller: CallerContext,
    organizationUuid: string,
    request: ScimGroupMappingsRequest,
    expectedVersion?: number,
  ): Promise<{ mappings: ScimGroupMapping[]; version: number }> {
    await requireScimAdmin(caller, organizationUuid, this.organizations);
    const keys = request.mappings.map((m) => keyOf(m.displayName));
    const duplicate = keys.findIndex((k, i) => keys.indexOf(k) !== i);
    if (duplicate >= 0)
      throw DomainError.badInput('Each group is mapped once', [{ field: `mappings[${duplicate}].displayName`, message: 'mapped twice' }]);
    const mappings = request.mappings.map((m) => ({ displayName: m.displayName, role: m.role }));
    const actor: ScimActor = { organizationUuid, credentialUuid: '', correlationId: caller.correlationId };
    return this.writes.run(organizationUuid, async () => {
      const { mappings: before } = await this.directory.mappings(organizationUuid);
      const saved = await this.directory.saveMappings(organizationUuid, mappings, expectedVersion);
      if (!saved) throw DomainError.stale(`The SCIM group mappings of organisation ${organizationUuid}`, expectedVersion);
      const changed = new Set(
        [...before, ...mappings].map((m) => keyOf(m.displayName)).filter((k) => roleOf(k, before) !== roleOf(k, mappings)),
      );
      const groups = (await this.directory.listGroups(organizationUuid, { match: {}, skip: 0, limit: 100_000 })).items;
      const members = new Set(groups.filter((g) => changed.has(keyOf(g.displayName))).flatMap((g) => g.members));
      for (const member of members) await this.reconcile(actor, member);
      await this.audit.record({
        action: 'scim.group.changed',
        actorUserUuid: caller.userUuid,
        subjectUuid: organizationUuid,
        organizationUuids: [organizationUuid],
        detail: `SCIM group mappings set: ${mappings.map((m) => `${m.displayName} → ${m.role}`).join(', ') || 'none'}`,
        correlationId: caller.correlationId,
      });
      return saved;
    });
  }

  // ---- internals

  private async replaceUserNow(actor: ScimActor, uuid: string, input: ScimUserInput): Promise<Json> {
    const { link, user } = await this.loadUser(actor, uuid);
    if (keyOf(input.userName) !== keyOf(link.userName)) {
      const other = await this.directory.findLinkByUserName(actor.organizationUuid, input.userName);
      if (other && !other.removed) throw uniqueness(`userName ${input.userName} is already provisioned`);
      if (other) await this.directory.saveLink({ ...other, userName: `removed:${other.userUuid}` });
    }
    if (emailKeyOf(input.email) !== user.emailKey)
      throw scimError(ErrorCode.BadInput, 'mutability', 'The e-mail address of a user cannot be changed', 'emails');
    await this.users.patch(this.caller(actor), uuid, userFields(input));
    await this.directory.saveLink({
      ...link,
      userName: input.userName,
      externalId: input.externalId,
      displayName: input.displayName,
      active: input.active,
      lastModified: this.clock.now(),
    });
    if (input.active !== link.active) await this.reconcile(actor, uuid);
    const detail = input.active === link.active ? 'SCIM: user changed' : input.active ? 'SCIM: user activated' : 'SCIM: user deactivated';
    await this.record(actor, 'scim.user.changed', uuid, detail);
    return this.userResource(actor, uuid);
  }

  private async replaceGroupNow(actor: ScimActor, uuid: string, input: ScimGroupInput): Promise<Json> {
    const group = await this.loadGroup(actor, uuid);
    if (
      keyOf(input.displayName) !== keyOf(group.displayName) &&
      (await this.directory.findGroupByDisplayName(actor.organizationUuid, input.displayName))
    )
      throw uniqueness(`A group named ${input.displayName} exists`);
    await this.requireMembers(
      actor,
      input.members.filter((m) => !group.members.includes(m)),
    );
    const next: ScimGroup = {
      ...group,
      displayName: input.displayName,
      externalId: input.externalId,
      members: input.members,
      lastModified: this.clock.now(),
    };
    await this.directory.saveGroup(next);
    const renamed = keyOf(input.displayName) !== keyOf(group.displayName);
    const affected = renamed ? [...new Set([...group.members, ...next.members])] : symmetricDifference(group.members, next.members);
    for (const member of affected) await this.reconcile(actor, member);
    const added = next.members.filter((m) => !group.members.includes(m)).length;
    const removed = group.members.filter((m) => !next.members.includes(m)).length;
    await this.record(
      actor,
      'scim.group.changed',
      uuid,
      `SCIM: group ${next.displayName} changed (${added} members added, ${removed} removed)`,
    );
    return toScimGroup(next);
  }

  /**
   * Brings a user's rights in the organisation to what provisioning says: while active, User and the mapped roles of
   * their groups (roles provisioning granted earlier and no longer justified are removed; roles granted through the API
   * stay); while inactive, no right in the organisation at all.
   */
  private async reconcile(actor: ScimActor, userUuid: string): Promise<void> {
    const org = actor.organizationUuid;
    const link = await this.directory.findLink(org, userUuid);
    const user = await this.userStore.findByUuid(userUuid);
    if (!link || !user) return;
    const { mappings } = await this.directory.mappings(org);
    const groups = await this.directory.groupsOfUser(org, userUuid);
    const desired = link.active
      ? [...new Set([BASE_ROLE as string, ...groups.map((g) => roleOf(keyOf(g.displayName), mappings)).filter((r): r is string => !!r)])]
      : [];
    const held = user.rights.filter((r) => r.organizationUuid === org).map((r) => r.role as string);
    const caller = this.caller(actor);
    if (!link.active && held.length) {
      await this.users.removeFromOrganization(caller, org, userUuid);
    } else {
      for (const role of desired.filter((r) => !held.includes(r)))
        await this.users.addRole(caller, org, userUuid, role as OrganizationRoleName);
      for (const role of link.grantedRoles.filter((r) => held.includes(r) && !desired.includes(r)))
        await this.users.removeRole(caller, org, userUuid, role as OrganizationRoleName);
    }
    if (desired.join() !== link.grantedRoles.join()) await this.directory.saveLink({ ...link, grantedRoles: desired });
  }

  private async userResource(actor: ScimActor, uuid: string): Promise<Json> {
    const { link, user } = await this.loadUser(actor, uuid);
    return toScimUser(link, user, await this.directory.groupsOfUser(actor.organizationUuid, uuid));
  }

  /** A user provisioned in the actor's organisation, or 404 (users of other organisations are not disclosed). */
  private async loadUser(actor: ScimActor, uuid: string): Promise<{ link: ScimUserLink; user: Stored<User> }> {
    const link = await this.directory.findLink(actor.organizationUuid, uuid);
    const user = link && !link.removed ? await this.userStore.findByUuid(uuid) : null;
    if (!link || !user) throw notFound('User', uuid);
    return { link, user };
  }

  private async loadGroup(actor: ScimActor, uuid: string): Promise<ScimGroup> {
    const group = await this.directory.findGroup(actor.organizationUuid, uuid);
    if (!group) throw notFound('Group', uuid);
    return group;
  }

  private async requireMembers(actor: ScimActor, members: readonly string[]): Promise<void> {
    for (const member of members) {
      const link = await this.directory.findLink(actor.organizationUuid, member);
      if (!link || link.removed) throw invalidValue(`The member ${member} is not a user provisioned in this organisation`, 'members');
    }
  }

  /** UsersService is asked as the organisation's administrator; events and audit entries name a system actor. */
  private caller(actor: ScimActor): CallerContext {
    return { ...systemCaller(actor.correlationId), organizationRoles: [{ organizationUuid: actor.organizationUuid, role: 'LocalAdmin' }] };
  }

  private record(actor: ScimActor, action: 'scim.user.changed' | 'scim.group.changed', subjectUuid: string, detail: string) {
    return this.audit.record({
      action,
      actorUserUuid: null,
      subjectUuid,
      organizationUuids: [actor.organizationUuid],
      detail: `${detail} (credential ${actor.credentialUuid})`,
      correlationId: actor.correlationId,
    });
  }
}

function userFields(input: ScimUserInput) {
  return { firstName: input.firstName, lastName: input.lastName, phoneNumber: input.phoneNumber };
}

function roleOf(displayNameKey: string, mappings: readonly ScimGroupMapping[]): string | undefined {
  return mappings.find((m) => keyOf(m.displayName) === displayNameKey)?.role;
}

function symmetricDifference(a: readonly string[], b: readonly string[]): string[] {
  return [...a.filter((x) => !b.includes(x)), ...b.filter((x) => !a.includes(x))];
}

function paging(query: ScimListQuery): { skip: number; limit: number; startIndex: number } {
  const startIndex = Math.max(1, query.startIndex ?? 1);
  const limit = Math.min(MAX_PAGE, Math.max(0, query.count ?? DEFAULT_PAGE));
  return { skip: startIndex - 1, limit, startIndex };
}

function listResponse(total: number, startIndex: number, resources: Json[]): Json {
  return { schemas: [SCIM_SCHEMAS.listResponse], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}

function stringValue(value: string | boolean | null, attribute: string): string {
  if (typeof value !== 'string') throw scimError(ErrorCode.BadInput, 'invalidFilter', `${attribute} is compared with a string`, 'filter');
  return value;
}

function stringOrNull(value: string | boolean | null, attribute: string): string | null {
  return value === null ? null : stringValue(value, attribute);
}

function uniqueness(message: string): DomainError {
  return scimError(ErrorCode.Conflict, 'uniqueness', message);
}

function notFound(resource: string, uuid: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `${resource} ${uuid} not found`);
}
