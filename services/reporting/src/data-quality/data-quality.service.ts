import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, danishDayOf, type Clock } from '@kitos/common';
import {
  DATA_QUALITY_MODULES,
  type DataQualityModule,
  type DataQualityModuleScore,
  type DataQualityObjectFindings,
  type DataQualityScoreResponse,
} from '@kitos/contracts';
import { GenerationCache, ReadModelChanges } from '../read-models/read-model-changes';
import { ReadModelStore } from '../read-models/read-model.store';
import { LIVE, type ReadModelDoc } from '../read-models/read-model.types';
import { MODULE_KINDS, ModuleAccumulator, evaluateObject, median, overallOf, round, rulesOf, type EvaluationContext } from './rule-checks';
import { DataQualityStore, snapshotIdOf, type RulePackDoc, type ScoreSnapshotDoc } from './data-quality.store';

interface Links {
  usagesWithAgreedDpr: Set<string>;
  usagesWithDpr: Set<string>;
  usagesWithContract: Set<string>;
}

const emptyLinks = (): Links => ({ usagesWithAgreedDpr: new Set(), usagesWithDpr: new Set(), usagesWithContract: new Set() });

type OrgModules = Map<DataQualityModule, ModuleAccumulator>;

/** Every organisation's module scores, and the national medians over them. */
export interface NationalScores {
  readonly rulePackVersion: number;
  readonly day: string;
  readonly organizations: ReadonlyMap<string, OrgModules>;
  readonly medians: ReadonlyMap<DataQualityModule, { median: number | null; organizations: number }>;
  readonly overallMedian: { median: number | null; organizations: number };
}

type AnyDoc = ReadModelDoc<Record<string, unknown>> & Record<string, unknown>;

/**
 * Scores the read models against the rule pack. Formulas (docs/reporting.md, "Data quality and the rule pack"):
 * object score = passed / applicable enabled rules (objects to which no rule applies are left out); module score of an
 * organisation = mean of its object scores; overall = mean of its module scores that are not null; national median =
 * median over the organisations with a score in the module (overall: with an overall score).
 */
@Injectable()
export class DataQualityService {
  private readonly nationals: GenerationCache<NationalScores>;
  private readonly findings: GenerationCache<DataQualityObjectFindings[]>;

  constructor(
    private readonly readModels: ReadModelStore,
    private readonly store: DataQualityStore,
    changes: ReadModelChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.nationals = new GenerationCache(changes, 2);
    this.findings = new GenerationCache(changes, 256);
  }

  /**
   * Every organisation's scores under the current pack today, computed once per change of the inputs (the read
   * models and the rule pack: `ReadModelChanges`) and per Danish day (the age checks move with it).
   */
  currentNational(): Promise<NationalScores> {
    const at = this.clock.now();
    return this.nationals.get(danishDayOf(at), () => this.national(undefined, at));
  }

  /** An organisation's findings today, computed once per change of the inputs and per Danish day. */
  currentFindingsOf(organizationUuid: string, module?: DataQualityModule): Promise<DataQualityObjectFindings[]> {
    const at = this.clock.now();
    return this.findings.get(`${danishDayOf(at)}|${organizationUuid}|${module ?? ''}`, () => this.findingsOf(organizationUuid, module, at));
  }

  /** The links between objects (usage ← DPR, usage ← contract), per organisation; only live objects of the same organisation count. */
  private async links(organizationUuid?: string): Promise<Map<string, Links>> {
    const byOrg = new Map<string, Links>();
    const of = (org: string): Links => {
      let links = byOrg.get(org);
      if (!links) byOrg.set(org, (links = emptyLinks()));
      return links;
    };
    const filter = organizationUuid ? { ...LIVE, organizationUuid } : { ...LIVE };
    const dprs = await this.readModels.find<AnyDoc>('data-processing-registrations', filter, {
      projection: { organizationUuid: 1, 'data.systemUsageUuids': 1, 'data.agreementConcluded': 1 },
    });
    for (const dpr of dprs) {
      if (!dpr.organizationUuid || !dpr.data) continue;
      const links = of(dpr.organizationUuid);
      const usages = (dpr.data.systemUsageUuids as string[] | undefined) ?? [];
      for (const usage of usages) {
        links.usagesWithDpr.add(usage);
        if (dpr.data.agreementConcluded === 'Yes') links.usagesWithAgreedDpr.add(usage);
      }
    }
    const contracts = await this.readModels.find<AnyDoc>('it-contracts', filter, {
      projection: { organizationUuid: 1, 'data.systemUsageUuids': 1 },
    });
    for (const contract of contracts) {
      if (!contract.organizationUuid || !contract.data) continue;
      for (const usage of (contract.data.systemUsageUuids as string[] | undefined) ?? [])
        of(contract.organizationUuid).usagesWithContract.add(usage);
    }
    return byOrg;
  }

  /** Walks every live object of the module (of one organisation, or all), evaluating it. */
  private async eachEvaluated(
    pack: RulePackDoc,
    module: DataQualityModule,
    today: string,
    links: Map<string, Links>,
    organizationUuid: string | undefined,
    visit: (doc: AnyDoc, evaluation: ReturnType<typeof evaluateObject>) => void,
  ): Promise<void> {
    const rules = rulesOf(pack.rules, module);
    if (rules.length === 0) return;
    const filter = organizationUuid ? { ...LIVE, organizationUuid } : { ...LIVE };
    for await (const doc of this.readModels.cursor<AnyDoc>(MODULE_KINDS[module], filter)) {
      if (!doc.organizationUuid) continue;
      const context: EvaluationContext = { today, ...(links.get(doc.organizationUuid) ?? emptyLinks()) };
      visit(doc, evaluateObject(rules, doc, context));
    }
  }

  /** Every organisation's scores under the current pack (one pass over the read models). */
  async national(pack?: RulePackDoc, at = this.clock.now()): Promise<NationalScores> {
    const current = pack ?? (await this.store.current());
    const today = danishDayOf(at);
    const links = await this.links();
    const organizations = new Map<string, OrgModules>();
    for (const module of DATA_QUALITY_MODULES) {
      await this.eachEvaluated(current, module, today, links, undefined, (doc, evaluation) => {
        const org = doc.organizationUuid!;
        let modules = organizations.get(org);
        if (!modules) organizations.set(org, (modules = new Map()));
        let accumulator = modules.get(module);
        if (!accumulator) modules.set(module, (accumulator = new ModuleAccumulator()));
        accumulator.add(evaluation);
      });
    }
    const medians = new Map<DataQualityModule, { median: number | null; organizations: number }>();
    for (const module of DATA_QUALITY_MODULES) {
      const scores = [...organizations.values()].map((m) => m.get(module)?.score ?? null).filter((s) => s !== null);
      medians.set(module, { median: median(scores), organizations: scores.length });
    }
    const overalls = [...organizations.values()].map((m) => overallOf(m)).filter((s) => s !== null);
    return {
      rulePackVersion: current._id,
      day: today,
      organizations,
      medians,
      overallMedian: { median: median(overalls), organizations: overalls.length },
    };
  }

  /** An organisation's scores next to the national medians. */
  scoresOf(national: NationalScores, organizationUuid: string): DataQualityScoreResponse {
    const own = national.organizations.get(organizationUuid) ?? new Map<DataQualityModule, ModuleAccumulator>();
    const modules: DataQualityModuleScore[] = DATA_QUALITY_MODULES.map((module) => {
      const accumulator = own.get(module) ?? new ModuleAccumulator();
      const nationalModule = national.medians.get(module)!;
      return {
        module,
        score: round(accumulator.score),
        objects: accumulator.objects,
        objectsMeetingMinimum: accumulator.objectsMeetingMinimum,
        findings: accumulator.findings,
        minimumFindings: accumulator.minimumFindings,
        nationalMedian: round(nationalModule.median),
        nationalOrganizations: nationalModule.organizations,
      };
    });
    return {
      organizationUuid,
      rulePackVersion: national.rulePackVersion,
      evaluatedOn: national.day,
      overall: round(overallOf(own)),
      nationalMedian: round(national.overallMedian.median),
      nationalOrganizations: national.overallMedian.organizations,
      modules,
    };
  }

  /** The objects of an organisation that have findings, by module then name. */
  async findingsOf(organizationUuid: string, module?: DataQualityModule, at = this.clock.now()): Promise<DataQualityObjectFindings[]> {
    const pack = await this.store.current();
    const today = danishDayOf(at);
    const links = await this.links(organizationUuid);
    const result: DataQualityObjectFindings[] = [];
    for (const m of module ? [module] : DATA_QUALITY_MODULES) {
      const found: DataQualityObjectFindings[] = [];
      await this.eachEvaluated(pack, m, today, links, organizationUuid, (doc, evaluation) => {
        if (evaluation.findings.length === 0 || evaluation.score === null) return;
        found.push({ module: m, uuid: doc._id, name: nameOf(m, doc), score: round(evaluation.score)!, findings: [...evaluation.findings] });
      });
      found.sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'da') || a.uuid.localeCompare(b.uuid));
      result.push(...found);
    }
    return result;
  }

  /**
   * Writes today's snapshot of every organisation with scores. `replace`: the newest snapshot of a day wins (on demand);
   * otherwise only missing ones are written (the timer).
   */
  async snapshot(replace: boolean, at = this.clock.now()): Promise<{ day: string; organizations: number; rulePackVersion: number }> {
    const national = await this.national(undefined, at);
    let written = 0;
    for (const organizationUuid of national.organizations.keys()) {
      const scores = this.scoresOf(national, organizationUuid);
      const doc: ScoreSnapshotDoc = {
        _id: snapshotIdOf(organizationUuid, national.day),
        organizationUuid,
        day: national.day,
        takenAt: at,
        rulePackVersion: national.rulePackVersion,
        overall: scores.overall,
        nationalMedian: scores.nationalMedian,
        modules: scores.modules.map((m) => ({
          module: m.module,
          score: m.score,
          objects: m.objects,
          findings: m.findings,
          nationalMedian: m.nationalMedian,
        })),
      };
      if (replace) {
        await this.store.replaceSnapshot(doc);
        written += 1;
      } else if (await this.store.insertSnapshot(doc)) {
        written += 1;
      }
    }
    return { day: national.day, organizations: written, rulePackVersion: national.rulePackVersion };
  }
}

/** A name to show for an object of a module (relations have none). */
function nameOf(module: DataQualityModule, doc: AnyDoc): string | null {
  const data = doc.data ?? {};
  if (module === 'usages') return (data.localCallName as string | null) || (data.systemName as string | null) || null;
  if (module === 'relations') return null;
  return (data.name as string | null) ?? null;
}
