import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CLOCK, DomainError, requireUser, type CallerContext, type Clock } from '@kitos/common';
import {
  DataQualityFindingsRequest,
  DataQualityHistoryRequest,
  DataQualityOrganizationRequest,
  MAX_PAGE_SIZE,
  PutRulePackRequest,
  Rpc,
  RulePackVersionRequest,
  validateInto,
  type DataQualityHistoryEntry,
  type DataQualityObjectFindings,
  type DataQualityRule,
  type DataQualityScoreResponse,
  type DataQualitySnapshotResponse,
  type RulePackResponse,
} from '@kitos/contracts';
import { callerOf, expectedVersionOf, type RpcRequest } from '@kitos/platform';
import { ReadModelChanges } from '../read-models/read-model-changes';
import { ReadModelStore } from '../read-models/read-model.store';
import { SharingPolicy } from '../sharing/sharing-policy';
import { DataQualityService } from './data-quality.service';
import { DataQualityStore, type RulePackDoc } from './data-quality.store';
import { rulePackProblems } from './rule-checks';

function toPackResponse(doc: RulePackDoc): RulePackResponse {
  return {
    version: doc._id,
    basedOn: doc.basedOn,
    createdAt: new Date(doc.createdAt).toISOString(),
    createdByUserUuid: doc.createdByUserUuid,
    rules: doc.rules.map((r) => ({ ...r, enabled: r.enabled !== false })),
  };
}

/** The stored form of a validated rule: exactly the declared properties, `enabled` explicit. */
function normalized(rule: DataQualityRule): DataQualityRule {
  return {
    id: rule.id,
    module: rule.module,
    level: rule.level,
    title: rule.title.trim(),
    description: rule.description,
    enabled: rule.enabled ?? true,
    check: { type: rule.check.type, params: structuredClone(rule.check.params) },
  };
}

function requireGlobalAdmin(caller: CallerContext, what: string): void {
  requireUser(caller);
  if (!caller.isGlobalAdmin) throw DomainError.forbidden(`Only global administrators ${what}`);
}

@Controller()
export class DataQualityHandlers {
  constructor(
    private readonly store: DataQualityStore,
    private readonly scores: DataQualityService,
    private readonly sharing: SharingPolicy,
    private readonly readModels: ReadModelStore,
    private readonly changes: ReadModelChanges,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Scores and history are aggregates shared with every user who reads across organisations (`shared` audience) and
   * with the organisation's members (`own`); findings name objects and are for `own` only. Others: 404.
   */
  private async audience(caller: CallerContext, organizationUuid: string, findings: boolean): Promise<void> {
    requireUser(caller);
    const audience = await this.sharing.audienceFor(caller, organizationUuid);
    const visible = findings ? audience.kind === 'own' : audience.kind !== 'none';
    if (!visible) throw DomainError.notFound('Organization', organizationUuid);
    if (!caller.organizationRoles.some((r) => r.organizationUuid === organizationUuid)) {
      // readers from elsewhere (and global admins) get 404 for organisations reporting does not know
      const known = await this.readModels.organizationExists(organizationUuid, true);
      if (!known) throw DomainError.notFound('Organization', organizationUuid);
    }
  }

  @MessagePattern(Rpc.reporting.dataQuality.rulePack)
  async rulePack(@Payload() request: RpcRequest): Promise<RulePackResponse> {
    requireUser(callerOf(request));
    return toPackResponse(await this.store.current());
  }

  @MessagePattern(Rpc.reporting.dataQuality.rulePackVersion)
  async rulePackVersion(@Payload() request: RpcRequest): Promise<RulePackResponse> {
    requireUser(callerOf(request));
    const { version } = validateInto(RulePackVersionRequest, request.data);
    await this.store.current(); // the shipped pack is version 1 once anything is asked
    const found = await this.store.version(version);
    if (!found) throw DomainError.notFound('Rule pack version', String(version));
    return toPackResponse(found);
  }

  @MessagePattern(Rpc.reporting.dataQuality.putRulePack)
  async putRulePack(@Payload() request: RpcRequest): Promise<RulePackResponse> {
    const caller = callerOf(request);
    requireGlobalAdmin(caller, 'edit the rule pack');
    const { expectedVersion: _ifMatch, ...data } = (request.data ?? {}) as { expectedVersion?: unknown };
    const ifMatch = expectedVersionOf(request.data);
    const body = validateInto(PutRulePackRequest, data);
    const problems = rulePackProblems(body.rules);
    if (problems.length) throw DomainError.badInput('The rule pack is invalid', problems);
    const current = await this.store.current();
    // If-Match, when sent, names the version read as the body's `version` does; either one stale → 412
    if (ifMatch !== undefined && ifMatch !== current._id) throw DomainError.stale('The rule pack', ifMatch);
    if (body.version !== current._id) throw DomainError.stale('The rule pack', body.version);
    const next: RulePackDoc = {
      _id: current._id + 1,
      basedOn: current.basedOn,
      rules: body.rules.map(normalized),
      createdAt: this.clock.now(),
      createdByUserUuid: caller.userUuid,
    };
    // the unique _id makes the version an atomic claim: a concurrent edit from the same version loses here
    if (!(await this.store.insertPack(next))) throw DomainError.stale('The rule pack', body.version);
    this.changes.changed(); // scores are computed anew under the new pack
    return toPackResponse(next);
  }

  @MessagePattern(Rpc.reporting.dataQuality.organization)
  async organization(@Payload() request: RpcRequest): Promise<DataQualityScoreResponse> {
    const caller = callerOf(request);
    const { organizationUuid } = validateInto(DataQualityOrganizationRequest, request.data);
    await this.audience(caller, organizationUuid, false);
    return this.scores.scoresOf(await this.scores.currentNational(), organizationUuid);
  }

  @MessagePattern(Rpc.reporting.dataQuality.findings)
  async findings(@Payload() request: RpcRequest): Promise<DataQualityObjectFindings[]> {
    const caller = callerOf(request);
    const query = validateInto(DataQualityFindingsRequest, request.data);
    await this.audience(caller, query.organizationUuid, true);
    const all = await this.scores.currentFindingsOf(query.organizationUuid, query.module);
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    const page = query.page ?? 0;
    return all.slice(page * pageSize, (page + 1) * pageSize);
  }

  @MessagePattern(Rpc.reporting.dataQuality.history)
  async history(@Payload() request: RpcRequest): Promise<DataQualityHistoryEntry[]> {
    const caller = callerOf(request);
    const query = validateInto(DataQualityHistoryRequest, request.data);
    if (query.from && query.to && query.from > query.to)
      throw DomainError.badInput('from must not be after to', [{ field: 'from', message: 'from must not be after to' }]);
    await this.audience(caller, query.organizationUuid, false);
    const docs = await this.store.history(query.organizationUuid, query.from, query.to);
    return docs.map((d) => ({
      day: d.day,
      takenAt: new Date(d.takenAt).toISOString(),
      rulePackVersion: d.rulePackVersion,
      overall: d.overall,
      nationalMedian: d.nationalMedian,
      modules: d.modules,
    }));
  }

  @MessagePattern(Rpc.reporting.dataQuality.snapshot)
  async snapshot(@Payload() request: RpcRequest): Promise<DataQualitySnapshotResponse> {
    requireGlobalAdmin(callerOf(request), 'take score snapshots');
    return this.scores.snapshot(true);
  }
}
