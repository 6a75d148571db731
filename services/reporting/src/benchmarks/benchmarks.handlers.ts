import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, requireUser, type CallerContext } from '@kitos/common';
import {
  BenchmarkQuery,
  ContractEndDatesQuery,
  CostBenchmarkQuery,
  MAX_PAGE_SIZE,
  Rpc,
  validateInto,
  type ArchiveDutyBenchmark,
  type ContractEndDateRow,
  type CostBenchmark,
  type GdprBenchmark,
  type ItSystemBenchmark,
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
  nationalGdprBenchmark,
  pageOf,
  supplierBenchmarks,
} from './benchmark-rules';
import { BenchmarkSource } from './benchmark.source';

/** The current calendar year in Denmark. */
export function currentDanishYear(now = new Date()): number {
  return Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric' }).format(now));
}

/**
 * Cross-municipal reports and benchmarks. Who: any user who reads across organisations (member of a municipality,
 * stakeholder, global admin: `SharingPolicy.readsAcrossOrganizations`); other users get 403, anonymous callers 401.
 */
@Controller()
export class BenchmarksHandlers {
  constructor(
    private readonly source: BenchmarkSource,
    private readonly policy: SharingPolicy,
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
    const data = await this.source.load(caller, { contracts: true });
    return this.page(itSystemBenchmarks(data, query), query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.suppliers)
  async suppliers(@Payload() request: RpcRequest): Promise<SupplierBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(BenchmarkQuery, request.data);
    const data = await this.source.load(caller);
    return this.page(supplierBenchmarks(data, query), query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.contractEndDates)
  async contractEndDates(@Payload() request: RpcRequest): Promise<ContractEndDateRow[]> {
    const caller = this.authorize(request);
    const query = validateInto(ContractEndDatesQuery, request.data);
    if (query.endingFrom && query.endingTo && query.endingFrom > query.endingTo) {
      throw DomainError.badInput('endingFrom is after endingTo', [{ field: 'endingFrom', message: 'must not be after endingTo' }]);
    }
    const data = await this.source.load(caller, { contracts: true });
    return this.page(contractEndDateRows(data, query), query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.costs)
  async costs(@Payload() request: RpcRequest): Promise<CostBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(CostBenchmarkQuery, request.data);
    const [data, optedOut] = await Promise.all([this.source.load(caller, { contracts: true }), this.source.economyOptedOut()]);
    const rows = costBenchmarks(data, optedOut, query.year ?? currentDanishYear(), this.source.minOrganizations, query);
    return this.page(rows, query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.gdpr)
  async gdpr(@Payload() request: RpcRequest): Promise<GdprBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(BenchmarkQuery, request.data);
    const data = await this.source.load(caller, { dprs: true });
    return this.page(gdprBenchmarks(data, this.source.minOrganizations, query), query);
  }

  @MessagePattern(Rpc.reporting.benchmarks.gdprNational)
  async gdprNational(@Payload() request: RpcRequest): Promise<NationalGdprBenchmark> {
    const caller = this.authorize(request);
    const data = await this.source.load(caller, { dprs: true });
    return nationalGdprBenchmark(data, this.source.minOrganizations);
  }

  @MessagePattern(Rpc.reporting.benchmarks.archiveDuty)
  async archiveDuty(@Payload() request: RpcRequest): Promise<ArchiveDutyBenchmark[]> {
    const caller = this.authorize(request);
    const query = validateInto(BenchmarkQuery, request.data);
    const data = await this.source.load(caller);
    return this.page(archiveDutyBenchmarks(data, this.source.minOrganizations, query), query);
  }
}
