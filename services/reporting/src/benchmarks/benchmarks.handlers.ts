import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CLOCK, DomainError, requireUser, type CallerContext, type Clock } from '@kitos/common';
import {
  BenchmarkQuery,
  ContractEndDatesQuery,
  CostBenchmarkQuery,
  JointProcurementQuery,
  MAX_PAGE_SIZE,
  Rpc,
  validateInto,
  type ArchiveDutyBenchmark,
  type ContractEndDateRow,
  type CostBenchmark,
  type GdprBenchmark,
  type ItSystemBenchmark,
  type JointProcurementResult,
  type NationalGdprBenchmark,
  type SupplierBenchmark,
} from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { SharingPolicy } from '../sharing/sharing-policy';
import {
  archiveDutyBenchmarks,
  contractEndDateRows,
  costBenchmarks,
  gdprBenchmarks,
  itSystemBenchmarks,
  jointProcurement,
  nationalGdprBenchmark,
  pageOf,
  supplierBenchmarks,
} from './benchmark-rules';
import { BenchmarkSource } from './benchmark.source';

/** The current calendar year in Denmark. */
export function currentDanishYear(now: Date): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric' }).format(now));
}

/**
 * Cross-municipal reports and benchmarks. Who: any user who reads across organisations (member of a municipality,
 * stakeholder, global admin: `SharingPolicy.readsAcrossOrganizations`); other users get 403, anonymous callers 401.
 * Each table is computed once per change of its inputs (`BenchmarkSource.table`) and paged per request.
 */
@Controller()
export class BenchmarksHandlers {
  constructor(
    private readonly source: BenchmarkSource,
    private readonly policy: SharingPolicy,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private authorize(request: RpcRequest): CallerContext {
    const caller = callerOf(request);
    requireUser(caller);
    if (!this.policy.readsAcrossOrganizations(caller)) {
      throw DomainError.forbidden('Benchmarks are for users who read across organisations (members of a municipality)');
    }
    return caller;
  }

  private page<T>(rows: readonly T[], query: BenchmarkQuery): T[] {
    return pageOf(rows, query.page ?? 0, query.pageSize ?? MAX_PAGE_SIZE);
  }

  @MessagePattern(Rpc.reporting.benchmarks.itSystems)
  async itSystems(@Payload() request: RpcRequest): Promise<ItSystemBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(BenchmarkQuery, request.data);
    return this.page(await this.source.table(caller, 'it-systems', query, (data) => itSystemBenchmarks(data, query)), query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.suppliers)
  async suppliers(@Payload() request: RpcRequest): Promise<SupplierBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(BenchmarkQuery, request.data);
    return this.page(await this.source.table(caller, 'suppliers', query, (data) => supplierBenchmarks(data, query)), query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.contractEndDates)
  async contractEndDates(@Payload() request: RpcRequest): Promise<ContractEndDateRow[]> {
    const caller = this.authorize(request);
    const query = validateInto(ContractEndDatesQuery, request.data);
    if (query.endingFrom && query.endingTo && query.endingFrom > query.endingTo) {
      throw DomainError.badInput('endingFrom is after endingTo', [{ field: 'endingFrom', message: 'must not be after endingTo' }]);
    }
    return this.page(await this.source.table(caller, 'contract-end-dates', query, (data) => contractEndDateRows(data, query)), query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.costs)
  async costs(@Payload() request: RpcRequest): Promise<CostBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(CostBenchmarkQuery, request.data);
    const year = query.year ?? currentDanishYear(this.clock.now());
    const rows = await this.source.table(caller, 'costs', { ...query, year }, (data, optedOut) =>
      costBenchmarks(data, optedOut, year, this.source.minOrganizations, query),
    );
    return this.page(rows, query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.gdpr)
  async gdpr(@Payload() request: RpcRequest): Promise<GdprBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(BenchmarkQuery, request.data);
    const rows = await this.source.table(caller, 'gdpr', query, (data) => gdprBenchmarks(data, this.source.minOrganizations, query));
    return this.page(rows, query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.gdprNational)
  async gdprNational(@Payload() request: RpcRequest): Promise<NationalGdprBenchmark> {
    const caller = this.authorize(request);
    return this.source.table(caller, 'gdpr-national', {}, (data) => nationalGdprBenchmark(data, this.source.minOrganizations));
  }

  @MessagePattern(Rpc.reporting.benchmarks.archiveDuty)
  async archiveDuty(@Payload() request: RpcRequest): Promise<ArchiveDutyBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(BenchmarkQuery, request.data);
    const rows = await this.source.table(caller, 'archive-duty', query, (data) =>
      archiveDutyBenchmarks(data, this.source.minOrganizations, query),
    );
    return this.page(rows, query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.jointProcurement)
  async jointProcurement(@Payload() request: RpcRequest): Promise<JointProcurementResult> {
    const caller = this.authorize(request);
    const query = validateInto(JointProcurementQuery, request.data);
    if (!query.systemUuid && !query.supplierUuid) {
      throw DomainError.badInput('A system or a supplier is required', [
        { field: 'systemUuid', message: 'systemUuid or supplierUuid is required' },
      ]);
    }
    if (query.from > query.to) {
      throw DomainError.badInput('The window ends before it starts', [{ field: 'to', message: 'must not be before from' }]);
    }
    const year = query.year ?? currentDanishYear(this.clock.now());
    const filter = { systemUuid: query.systemUuid, supplierUuid: query.supplierUuid, from: query.from, to: query.to, year };
    return this.source.table(caller, 'joint-procurement', filter, (data, optedOut) =>
      jointProcurement(data, optedOut, this.source.minOrganizations, filter),
    );
  }
}
