import type { HandedOverObject, HandedOverRole, RoleHandoverCommand, RoleObjectType } from '@kitos/contracts';

/** An object carrying per-object roles, as the services that own such objects keep it. */
export interface RoleHoldingObject {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly roles: ReadonlyArray<{ readonly roleUuid: string; readonly roleName: string; readonly userUuid: string }>;
}

export type RoleAssignmentList = Array<{ roleUuid: string; userUuid: string }>;

/**
 * One step of a leaver's handover over the objects of one service. `add`: the receiver gets each role the leaver holds
 * that they lack; `remove`: the leaver loses only the roles the receiver already holds (so nothing is ever lost). Objects
 * needing no change are not written, which makes both steps idempotent. `save` writes the object's new role list through
 * the service's own update (its rules, events and permission checks); `nameOf` names an object for the result.
 */
export async function handOverRoles<T extends RoleHoldingObject>(
  objectType: RoleObjectType,
  objects: readonly T[],
  command: RoleHandoverCommand,
  save: (object: T, roles: RoleAssignmentList) => Promise<void>,
  nameOf: (object: T) => string | Promise<string>,
): Promise<HandedOverObject[]> {
  const result: HandedOverObject[] = [];
  for (const object of objects) {
    if (object.organizationUuid !== command.organizationUuid) continue;
    const leaver = object.roles.filter((r) => r.userUuid === command.fromUserUuid);
    if (!leaver.length) continue;
    const receiverHolds = new Set(object.roles.filter((r) => r.userUuid === command.toUserUuid).map((r) => r.roleUuid));
    const current: RoleAssignmentList = object.roles.map((r) => ({ roleUuid: r.roleUuid, userUuid: r.userUuid }));
    let handed: HandedOverRole[];
    let next: RoleAssignmentList | null = null;
    if (command.step === 'add') {
      handed = distinct(leaver);
      const missing = handed.filter((r) => !receiverHolds.has(r.roleUuid));
      if (missing.length) next = [...current, ...missing.map((r) => ({ roleUuid: r.roleUuid, userUuid: command.toUserUuid }))];
    } else {
      handed = distinct(leaver.filter((r) => receiverHolds.has(r.roleUuid)));
      const removable = new Set(handed.map((r) => r.roleUuid));
      if (removable.size) next = current.filter((r) => !(r.userUuid === command.fromUserUuid && removable.has(r.roleUuid)));
    }
    if (!handed.length) continue;
    if (next) await save(object, next);
    result.push({ objectType, uuid: object.uuid, name: await nameOf(object), roles: handed });
  }
  return result;
}

function distinct(roles: ReadonlyArray<{ roleUuid: string; roleName: string }>): HandedOverRole[] {
  const byUuid = new Map<string, HandedOverRole>();
  for (const r of roles) if (!byUuid.has(r.roleUuid)) byUuid.set(r.roleUuid, { roleUuid: r.roleUuid, roleName: r.roleName });
  return [...byUuid.values()];
}
