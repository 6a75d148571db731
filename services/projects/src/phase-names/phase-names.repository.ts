import { Injectable } from '@nestjs/common';
import { PROJECT_PHASES, type ProjectPhase } from '@kitos/contracts';
import {
  AggregateRepository,
  MongoConnection,
  OutboxRelay,
  aggregateSchema,
  registerAggregateModel,
  type Stored,
} from '@kitos/persistence';

/** An organisation's names of the five project phases; the aggregate's uuid is the organisation's. */
export interface PhaseNames extends Record<string, unknown> {
  organizationUuid: string;
  phase1: string;
  phase2: string;
  phase3: string;
  phase4: string;
  phase5: string;
  lastModified: Date;
}

const phaseNamesSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    phase1: { type: String, required: true },
    phase2: { type: String, required: true },
    phase3: { type: String, required: true },
    phase4: { type: String, required: true },
    phase5: { type: String, required: true },
    lastModified: { type: Date, required: true },
  },
  'project_phase_names',
);

export const PHASE_KEYS: Readonly<Record<ProjectPhase, 'phase1' | 'phase2' | 'phase3' | 'phase4' | 'phase5'>> = Object.fromEntries(
  PROJECT_PHASES.map((phase, i) => [phase, `phase${i + 1}`]),
) as Record<ProjectPhase, 'phase1' | 'phase2' | 'phase3' | 'phase4' | 'phase5'>;

@Injectable()
export class PhaseNamesRepository extends AggregateRepository<PhaseNames> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, 'ProjectPhaseNames', phaseNamesSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): PhaseNames {
    return {
      organizationUuid: d.organizationUuid as string,
      phase1: d.phase1 as string,
      phase2: d.phase2 as string,
      phase3: d.phase3 as string,
      phase4: d.phase4 as string,
      phase5: d.phase5 as string,
      lastModified: d.lastModified as Date,
    };
  }

  async findMany(organizationUuids: readonly string[]): Promise<Map<string, Stored<PhaseNames>>> {
    const found = await Promise.all([...new Set(organizationUuids)].map((uuid) => this.findByUuid(uuid)));
    return new Map(found.filter((n): n is Stored<PhaseNames> => n !== null).map((n) => [n.uuid, n]));
  }
}
