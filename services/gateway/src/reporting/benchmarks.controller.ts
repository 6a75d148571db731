import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ArchiveDutyBenchmark,
  BenchmarkQuery,
  ContractEndDateRow,
  ContractEndDatesQuery,
  CostBenchmark,
  CostBenchmarkQuery,
  GdprBenchmark,
  ItSystemBenchmark,
  NationalGdprBenchmark,
  Rpc,
  SupplierBenchmark,
} from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';

const WHO =
  ' For users who read across organisations (members of a municipality, stakeholders, global administrators); other ' +
  'users get 403. Counts usages of organisations of type Municipality, in the IT systems the caller may read in the ' +
  'catalogue; served by the reporting service from its read models, so changes show within moments.';
const SUPPRESSED =
  ' Aggregates over fewer organisations than the threshold (BENCHMARK_MIN_ORGANIZATIONS, default 5) are suppressed: ' +
  '`suppressed: true`, a `reason`, and null figures and organisation count; each organisation counts once however ' +
  'many usages it has.';

@ApiTags('benchmarks')
@Controller('api/v2/benchmarks')
export class BenchmarksController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('it-systems')
  @ApiOperation({
    summary: 'Which municipalities use which IT systems',
    description:
      'Per IT system (name order): its supplier (rights holder), the municipalities using it (usage is shared registration ' +
      'data, as KITOS’s usingOrganizations) and the suppliers on the contracts covering those usages.' +
      WHO,
  })
  @ApiOkResponse({ type: [ItSystemBenchmark] })
  @ApiProblems(400, 401, 403, 503, 504)
  itSystems(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<ItSystemBenchmark[]> {
    return this.rpc.request<ItSystemBenchmark[]>(Rpc.reporting.benchmarks.itSystems, callerOf(request), query);
  }

  @Get('suppliers')
  @ApiOperation({
    summary: 'Suppliers and the municipalities using their systems',
    description: 'Per supplier (rights holder of IT systems): its systems in use by municipalities and those municipalities.' + WHO,
  })
  @ApiOkResponse({ type: [SupplierBenchmark] })
  @ApiProblems(400, 401, 403, 503, 504)
  suppliers(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<SupplierBenchmark[]> {
    return this.rpc.request<SupplierBenchmark[]>(Rpc.reporting.benchmarks.suppliers, callerOf(request), query);
  }

  @Get('contract-end-dates')
  @ApiOperation({
    summary: 'Contract end dates per IT system across municipalities',
    description:
      'The contracts covering municipalities’ usages of each system, soonest ending first (open-ended last), with end date, ' +
      'notice deadline and owning municipality, to coordinate procurements. Contract dates are shared; economy never ' +
      'appears here.' +
      WHO,
  })
  @ApiOkResponse({ type: [ContractEndDateRow] })
  @ApiProblems(400, 401, 403, 503, 504)
  contractEndDates(@Query() query: ContractEndDatesQuery, @Req() request: FastifyRequest): Promise<ContractEndDateRow[]> {
    return this.rpc.request<ContractEndDateRow[]>(Rpc.reporting.benchmarks.contractEndDates, callerOf(request), query);
  }

  @Get('costs')
  @ApiOperation({
    summary: 'Yearly cost per IT system, per organisation and per user',
    description:
      'Per system, for one year: the sum of the contributing municipalities’ cost (each contract covering the usage with ' +
      'payments registered for the year contributes its year total divided evenly among the usages it covers), the ' +
      'average per organisation, and the cost per expected user (midpoint of the usage’s expected-users interval). Only ' +
      'municipalities that share their contract economy contribute; no single organisation’s figure is ever listed.' +
      SUPPRESSED +
      WHO,
  })
  @ApiOkResponse({ type: [CostBenchmark] })
  @ApiProblems(400, 401, 403, 503, 504)
  costs(@Query() query: CostBenchmarkQuery, @Req() request: FastifyRequest): Promise<CostBenchmark[]> {
    return this.rpc.request<CostBenchmark[]>(Rpc.reporting.benchmarks.costs, callerOf(request), query);
  }

  @Get('gdpr')
  @ApiOperation({
    summary: 'Share of usages with DPA, DPIA and risk assessment per IT system',
    description:
      'Per system: of the municipal usages that process personal data, how many are linked to a data processing ' +
      'registration of their organisation with a concluded agreement (DPA), have a DPIA conducted, and have a risk ' +
      'assessment conducted (Yes), with the shares (0–1).' +
      SUPPRESSED +
      WHO,
  })
  @ApiOkResponse({ type: [GdprBenchmark] })
  @ApiProblems(400, 401, 403, 503, 504)
  gdpr(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<GdprBenchmark[]> {
    return this.rpc.request<GdprBenchmark[]>(Rpc.reporting.benchmarks.gdpr, callerOf(request), query);
  }

  @Get('gdpr/national')
  @ApiOperation({
    summary: 'National share of usages with DPA, DPIA and risk assessment',
    description:
      'The same figures over all systems whose own figures are shown (suppressed systems are left out, so that the ' +
      'national figure cannot be used to work out a suppressed one).' +
      SUPPRESSED +
      WHO,
  })
  @ApiOkResponse({ type: NationalGdprBenchmark })
  @ApiProblems(401, 403, 503, 504)
  gdprNational(@Req() request: FastifyRequest): Promise<NationalGdprBenchmark> {
    return this.rpc.request<NationalGdprBenchmark>(Rpc.reporting.benchmarks.gdprNational, callerOf(request), {});
  }

  @Get('archive-duty')
  @ApiOperation({
    summary: 'Archive duty decisions per IT system',
    description:
      'Per system: the municipal usages per archive duty decision (B, K, PreserveDataCanDiscardDocuments, Unknown, ' +
      'Undecided, or none registered).' +
      SUPPRESSED +
      WHO,
  })
  @ApiOkResponse({ type: [ArchiveDutyBenchmark] })
  @ApiProblems(400, 401, 403, 503, 504)
  archiveDuty(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<ArchiveDutyBenchmark[]> {
    return this.rpc.request<ArchiveDutyBenchmark[]>(Rpc.reporting.benchmarks.archiveDuty, callerOf(request), query);
  }
}
