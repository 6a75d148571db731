import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel } from '@kitos/persistence';
import type { Unit } from './unit-tree';
import { UNIT_TREE_MODEL, unitTreeSchema } from './unit-tree.schema';

export interface UnitRight {
  unitUuid: string;
  roleUuid: string;
  roleName: string;
  userUuid: string;
}

export interface UnitTreeState extends Record<string, unknown> {
  units: Unit[];
  /** Role holders on the units (absent on trees written before unit roles: none). */
  unitRights?: UnitRight[];
  lastModified: Date;
}

@Injectable()
export class UnitTreesRepository extends AggregateRepository<UnitTreeState> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, UNIT_TREE_MODEL, unitTreeSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): UnitTreeState {
    const units = (d.units as Unit[]).map((u) => ({
      uuid: u.uuid,
      name: u.name,
      parentUuid: u.parentUuid ?? null,
      ean: u.ean ?? null,
      unitId: u.unitId ?? null,
      origin: u.origin,
      lastModified: u.lastModified ? new Date(u.lastModified) : null,
    }));
    const unitRights = ((d.unitRights as UnitRight[] | undefined) ?? []).map((r) => ({
      unitUuid: r.unitUuid,
      roleUuid: r.roleUuid,
      roleName: r.roleName,
      userUuid: r.userUuid,
    }));
    return { units, unitRights, lastModified: d.lastModified as Date };
  }
}
