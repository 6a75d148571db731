import { Injectable } from '@nestjs/common';
import type { CallerContext } from '@kitos/common';
import { Rpc, type HandedOverObject, type RoleHandoverCommand, type RoleHandoverStep } from '@kitos/contracts';
import { NatsRpcClient } from '@kitos/messaging';
import { UnitRolesService } from '../unit-roles/unit-roles.service';

/** The services that own objects with per-object roles, each answering one handover step on its subject. */
const HANDOVER_SUBJECTS = [
  Rpc.catalog.usages.handoverRoles,
  Rpc.contracts.itContracts.handoverRoles,
  Rpc.gdpr.dpr.handoverRoles,
  Rpc.projects.itProjects.handoverRoles,
] as const;

/** Generous: a step writes every object of the organisation on which the leaver holds a role, one by one. */
const STEP_TIMEOUT_MS = 60_000;

/**
 * A leaver's per-object roles, across the services that own the objects, through the bus and as the caller (each
 * service checks the caller's rights again). A step that fails (a service down, a refusal) stops the handover with that
 * error; as `add` runs in every service before any `remove`, and both are idempotent, running it again completes it.
 */
@Injectable()
export class RoleHandover {
  constructor(
    private readonly bus: NatsRpcClient,
    private readonly unitRoles: UnitRolesService,
  ) {}

  async step(caller: CallerContext, command: Omit<RoleHandoverCommand, 'step'>, step: RoleHandoverStep): Promise<HandedOverObject[]> {
    const objects = await this.unitRoles.handOver(caller, { ...command, step });
    for (const subject of HANDOVER_SUBJECTS) {
      objects.push(...(await this.bus.request<HandedOverObject[]>(subject, caller, { ...command, step }, STEP_TIMEOUT_MS)));
    }
    return objects;
  }
}
