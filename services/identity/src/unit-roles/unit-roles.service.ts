import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  hasRole,
  isMember,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
} from '@kitos/common';
import {
  IdentityEvents,
  type HandedOverObject,
  type RoleHandoverCommand,
  type UnitRoleAssignmentRequest,
  type UnitRoleResponse,
} from '@kitos/contracts';
import { StaleVersionError, buildEvent, type Stored } from '@kitos/persistence';
import { RoleTypesRepository } from '../role-types/role-types.repository';
import { UnitTree } from '../units/unit-tree';
import { UnitTreesRepository, type UnitRight, type UnitTreeState } from '../units/unit-trees.repository';
import { UnitsService } from '../units/units.service';
import { UsersRepository } from '../users/users.repository';

/**
 * Role holders on organisation units (KITOS `OrganizationUnitRight`): an OrganizationUnit role type enabled in the
 * organisation and a member of it. Kept in the organisation's unit tree document; read by members, changed by local
 * and organisation-module administrators; each change an event.
 */
@Injectable()
export class UnitRolesService {
  constructor(
    private readonly trees: UnitTreesRepository,
    private readonly units: UnitsService,
    private readonly roleTypes: RoleTypesRepository,
    private readonly users: UsersRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The role holders of one unit. */
  async list(caller: CallerContext, organizationUuid: string, unitUuid: string): Promise<UnitRoleResponse[]> {
    requireMember(caller, organizationUuid);
    const tree = await this.units.loadTree(caller, organizationUuid);
    requireUnit(tree, unitUuid);
    return this.responses(tree, (r) => r.unitUuid === unitUuid);
  }

  /** The unit roles one user holds in the organisation. */
  async ofUser(caller: CallerContext, organizationUuid: string, userUuid: string): Promise<UnitRoleResponse[]> {
    requireMember(caller, organizationUuid);
    const tree = await this.units.loadTree(caller, organizationUuid);
    return this.responses(tree, (r) => r.userUuid === userUuid);
  }

  /** Assigns a role on a unit; the same (role, user) twice → 409, as for other per-object roles. */
  async add(
    caller: CallerContext,
    organizationUuid: string,
    unitUuid: string,
    request: UnitRoleAssignmentRequest,
  ): Promise<UnitRoleResponse[]> {
    requireEditor(caller, organizationUuid);
    const tree = await this.units.loadTree(caller, organizationUuid);
    requireUnit(tree, unitUuid);
    const errors: FieldError[] = [];
    const role = await this.roleTypes.findByUuid(request.roleUuid);
    if (!role || role.objectType !== 'OrganizationUnit' || !role.isEnabled)
      errors.push({ field: 'roleUuid', message: 'roleUuid must be an enabled OrganizationUnit role' });
    else if (role.disabledInOrganizationUuids.includes(organizationUuid))
      errors.push({ field: 'roleUuid', message: 'roleUuid must be a role the organisation has not switched off' });
    const user = await this.users.findByUuid(request.userUuid);
    if (!user || !user.rights.some((r) => r.organizationUuid === organizationUuid))
      errors.push({ field: 'userUuid', message: 'userUuid must be a member of the organisation' });
    if (errors.length || !role) throw DomainError.badInput('The role assignment is invalid', errors);
    const rights = tree.unitRights ?? [];
    if (rights.some((r) => r.unitUuid === unitUuid && r.roleUuid === request.roleUuid && r.userUuid === request.userUuid))
      throw DomainError.conflict('The user already holds this role on the unit', {
        roleUuid: request.roleUuid,
        userUuid: request.userUuid,
      });
    const added: UnitRight = { unitUuid, roleUuid: role.uuid, roleName: role.name, userUuid: request.userUuid };
    const next = await this.save(caller, organizationUuid, tree, [...rights, added], [[added, 'added']]);
    return this.responses(next, (r) => r.unitUuid === unitUuid);
  }

  /** Removes a role holder; one the unit does not have → 400. */
  async remove(
    caller: CallerContext,
    organizationUuid: string,
    unitUuid: string,
    request: UnitRoleAssignmentRequest,
  ): Promise<UnitRoleResponse[]> {
    requireEditor(caller, organizationUuid);
    const tree = await this.units.loadTree(caller, organizationUuid);
    requireUnit(tree, unitUuid);
    const rights = tree.unitRights ?? [];
    const removed = rights.find((r) => r.unitUuid === unitUuid && r.roleUuid === request.roleUuid && r.userUuid === request.userUuid);
    if (!removed)
      throw DomainError.badInput('The user does not hold this role on the unit', [
        { field: 'roleUuid', message: `No assignment of role ${request.roleUuid} to user ${request.userUuid}` },
      ]);
    const next = await this.save(
      caller,
      organizationUuid,
      tree,
      rights.filter((r) => r !== removed),
      [[removed, 'removed']],
    );
    return this.responses(next, (r) => r.unitUuid === unitUuid);
  }

  /**
   * One step of a leaver's handover on the organisation's units (as `handOverRoles` in @kitos/platform): `add` gives the
   * receiver the unit roles of the leaver they lack, `remove` takes from the leaver those the receiver holds. Idempotent.
   */
  async handOver(caller: CallerContext, command: RoleHandoverCommand): Promise<HandedOverObject[]> {
    const tree = await this.units.loadTree(caller, command.organizationUuid);
    const units = UnitTree.of(tree.units);
    const rights = (tree.unitRights ?? []).filter((r) => units.find(r.unitUuid));
    const holds = (r: UnitRight, userUuid: string) =>
      rights.some((o) => o.unitUuid === r.unitUuid && o.roleUuid === r.roleUuid && o.userUuid === userUuid);
    const leaver = rights.filter((r) => r.userUuid === command.fromUserUuid);
    const handed = command.step === 'add' ? leaver : leaver.filter((r) => holds(r, command.toUserUuid));
    const changes: Array<[UnitRight, 'added' | 'removed']> =
      command.step === 'add'
        ? leaver.filter((r) => !holds(r, command.toUserUuid)).map((r) => [{ ...r, userUuid: command.toUserUuid }, 'added'])
        : handed.map((r) => [r, 'removed']);
    if (changes.length) {
      requireEditor(caller, command.organizationUuid);
      const added = changes.filter(([, kind]) => kind === 'added').map(([r]) => r);
      const removed = new Set(changes.filter(([, kind]) => kind === 'removed').map(([r]) => r));
      const next = [...(tree.unitRights ?? []).filter((r) => !removed.has(r)), ...added];
      await this.save(caller, command.organizationUuid, tree, next, changes);
    }
    const byUnit = new Map<string, HandedOverObject>();
    for (const r of handed) {
      const object = byUnit.get(r.unitUuid) ?? {
        objectType: 'OrganizationUnit' as const,
        uuid: r.unitUuid,
        name: units.find(r.unitUuid)?.name ?? '',
        roles: [],
      };
      object.roles.push({ roleUuid: r.roleUuid, roleName: r.roleName });
      byUnit.set(r.unitUuid, object);
    }
    return [...byUnit.values()];
  }

  private async save(
    caller: CallerContext,
    organizationUuid: string,
    tree: Stored<UnitTreeState>,
    unitRights: UnitRight[],
    changes: ReadonlyArray<readonly [UnitRight, 'added' | 'removed']>,
  ): Promise<Stored<UnitTreeState>> {
    const version = tree.version + 1;
    const events = changes.map(([changed, kind]) =>
      buildEvent(
        { clock: this.clock, ids: this.ids },
        kind === 'added' ? IdentityEvents.organizationUnitRoleAdded : IdentityEvents.organizationUnitRoleRemoved,
        {
          aggregate: { type: 'organization-unit-tree', uuid: organizationUuid, version },
          organizationUuid,
          caller,
          data: { organizationUuid, ...changed },
        },
      ),
    );
    try {
      await this.trees.update(organizationUuid, tree.version, { unitRights, lastModified: this.clock.now() }, events);
    } catch (error) {
      if (error instanceof StaleVersionError) throw DomainError.conflict('The unit tree was changed concurrently; try again');
      throw error;
    }
    return { ...tree, unitRights, version };
  }

  /** Rights on live units, with the names of unit, role and user. */
  private async responses(tree: UnitTreeState, which: (r: UnitRight) => boolean): Promise<UnitRoleResponse[]> {
    const units = UnitTree.of(tree.units);
    const rights = (tree.unitRights ?? []).filter((r) => which(r) && units.find(r.unitUuid));
    const users = new Map<string, string>();
    for (const uuid of new Set(rights.map((r) => r.userUuid))) {
      const user = await this.users.findByUuid(uuid);
      users.set(uuid, user ? `${user.firstName} ${user.lastName}` : '');
    }
    return rights.map((r) => ({
      unit: { uuid: r.unitUuid, name: units.find(r.unitUuid)?.name ?? '' },
      role: { uuid: r.roleUuid, name: r.roleName },
      user: { uuid: r.userUuid, name: users.get(r.userUuid) ?? '' },
    }));
  }
}

function requireMember(caller: CallerContext, organizationUuid: string): void {
  if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('Only members see the unit roles of an organisation');
}

function requireEditor(caller: CallerContext, organizationUuid: string): void {
  if (!hasRole(caller, organizationUuid, 'LocalAdmin', 'OrganizationModuleAdmin'))
    throw DomainError.forbidden('Only local and organisation-module administrators assign unit roles');
}

function requireUnit(tree: UnitTreeState, unitUuid: string): void {
  if (!UnitTree.of(tree.units).find(unitUuid)) throw DomainError.notFound('Organisation unit', unitUuid);
}
