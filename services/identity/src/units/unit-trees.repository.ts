import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel } from '@kitos/persistence';
import type { Unit } from './unit-tree';
import { UNIT_TREE_MODEL, unitTreeSchema } from './unit-tree.schema';

export interface UnitTreeState extends Record<string, unknown> {
  units: Unit[];
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
    return { units, lastModified: d.lastModified as Date };
  }
}
