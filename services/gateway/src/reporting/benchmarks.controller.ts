import { Controller, Get, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ArchiveDutyBenchmark,
  BenchmarkQuery,
  ContractEndDateRow,
  ContractEndDatesQuery,
  CostBenchmark,
  CostBenchmarkQuery,
  GdprBenchmark,
  ItSystemBenchmark,
  JointProcurementQuery,
  JointProcurementResult,
  MAX_PAGE_SIZE,
  NationalGdprBenchmark,
  Rpc,
  SupplierBenchmark,
} from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';
import {
  ARCHIVE_DUTY_TABLE,
  CONTRACT_END_DATE_TABLE,
  COST_TABLE,
  GDPR_TABLE,
  IT_SYSTEM_TABLE,
  JOINT_PROCUREMENT_TABLE,
  SUPPLIER_TABLE,
  type BenchmarkTable,
} from './export/benchmark-export';
import { CSV_TYPE, XLSX_TYPE, attachment, reportCsv, reportXlsx } from './export/report-export';

const WHO =
  ' For users who read across organisations (members of a municipality, stakeholders, global administrators); other ' +
  'users get 403. Counts usages of organisations of type Municipality, in the IT systems the caller may read in the ' +
  'catalogue; served by the reporting service from its read models, so changes show within moments.';
const SUPPRESSED =
  ' Aggregates over fewer organisations than the threshold (BENCHMARK_MIN_ORGANIZATIONS, default 5) are suppressed: ' +
  '`suppressed: true`, a `reason`, and null figures and organisation count; each organisation counts once however ' +
  'many usages it has.';

const FILES = ' `format=csv|xlsx` gives the whole table as a file (CSV: BOM, `;`, Danish headers; XLSX), streamed page by page.';

@ApiTags('benchmarks')
@Controller('api/v2/benchmarks')
export class BenchmarksController {
  constructor(private readonly rpc: RpcClient) {}

  /** JSON: one page. CSV/XLSX: every page of the table, fetched one after the other while the file streams. */
  private table<T, Q extends BenchmarkQuery>(
    subject: string,
    query: Q,
    request: FastifyRequest,
    table: BenchmarkTable<T>,
    file: string,
  ): Promise<T[]> | StreamableFile {
    const { format, ...data } = query;
    const caller = callerOf(request);
    if (!format || format === 'json') return this.rpc.request<T[]>(subject, caller, data);
    const rpc = this.rpc;
    const rows = (async function* () {
      for (let page = 0; ; page++) {
        const items = await rpc.request<T[]>(subject, caller, { ...data, page, pageSize: MAX_PAGE_SIZE });
        for (const item of items) yield table.row(item);
        if (items.length < MAX_PAGE_SIZE) return;
      }
    })();
    const name = `${file}-${new Date().toISOString().slice(0, 10)}`;
    return format === 'csv'
      ? new StreamableFile(reportCsv(table.columns, rows), { type: CSV_TYPE, disposition: attachment(`${name}.csv`) })
      : new StreamableFile(reportXlsx(table.columns, rows, table.sheet), { type: XLSX_TYPE, disposition: attachment(`${name}.xlsx`) });
  }

  @Get('it-systems')
  @ApiOperation({
    summary: 'Which municipalities use which IT systems',
    description:
      'Per IT system (name order): its supplier (rights holder), the municipalities using it (usage is shared registration ' +
      'data, as KITOS’s usingOrganizations) and the suppliers on the contracts covering those usages.' +
      WHO +
      FILES,
  })
  @ApiOkResponse({ type: [ItSystemBenchmark] })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiProblems(400, 401, 403, 503, 504)
  itSystems(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<ItSystemBenchmark[]> | StreamableFile {
    return this.table(Rpc.reporting.benchmarks.itSystems, query, request, IT_SYSTEM_TABLE, 'benchmark-it-systems');
  }

  @Get('suppliers')
  @ApiOperation({
    summary: 'Suppliers and the municipalities using their systems',
    description: 'Per supplier (rights holder of IT systems): its systems in use by municipalities and those municipalities.' + WHO + FILES,
  })
  @ApiOkResponse({ type: [SupplierBenchmark] })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiProblems(400, 401, 403, 503, 504)
  suppliers(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<SupplierBenchmark[]> | StreamableFile {
    return this.table(Rpc.reporting.benchmarks.suppliers, query, request, SUPPLIER_TABLE, 'benchmark-suppliers');
  }

  @Get('contract-end-dates')
  @ApiOperation({
    summary: 'Contract end dates per IT system across municipalities',
    description:
      'The contracts covering municipalities’ usages of each system, soonest ending first (open-ended last), with end date, ' +
      'notice deadline and owning municipality, to coordinate procurements. Contract dates are shared; economy never ' +
      'appears here.' +
      WHO +
      FILES,
  })
  @ApiOkResponse({ type: [ContractEndDateRow] })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiProblems(400, 401, 403, 503, 504)
  contractEndDates(@Query() query: ContractEndDatesQuery, @Req() request: FastifyRequest): Promise<ContractEndDateRow[]> | StreamableFile {
    return this.table(Rpc.reporting.benchmarks.contractEndDates, query, request, CONTRACT_END_DATE_TABLE, 'benchmark-contract-end-dates');
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
      WHO +
      FILES,
  })
  @ApiOkResponse({ type: [CostBenchmark] })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiProblems(400, 401, 403, 503, 504)
  costs(@Query() query: CostBenchmarkQuery, @Req() request: FastifyRequest): Promise<CostBenchmark[]> | StreamableFile {
    return this.table(Rpc.reporting.benchmarks.costs, query, request, COST_TABLE, 'benchmark-costs');
  }

  @Get('gdpr')
  @ApiOperation({
    summary: 'Share of usages with DPA, DPIA and risk assessment per IT system',
    description:
      'Per system: of the municipal usages that process personal data, how many are linked to a data processing ' +
      'registration of their organisation with a concluded agreement (DPA), have a DPIA conducted, and have a risk ' +
      'assessment conducted (Yes), with the shares (0–1).' +
      SUPPRESSED +
      WHO +
      FILES,
  })
  @ApiOkResponse({ type: [GdprBenchmark] })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiProblems(400, 401, 403, 503, 504)
  gdpr(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<GdprBenchmark[]> | StreamableFile {
    return this.table(Rpc.reporting.benchmarks.gdpr, query, request, GDPR_TABLE, 'benchmark-gdpr');
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
      WHO +
      FILES,
  })
  @ApiOkResponse({ type: [ArchiveDutyBenchmark] })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiProblems(400, 401, 403, 503, 504)
  archiveDuty(@Query() query: BenchmarkQuery, @Req() request: FastifyRequest): Promise<ArchiveDutyBenchmark[]> | StreamableFile {
    return this.table(Rpc.reporting.benchmarks.archiveDuty, query, request, ARCHIVE_DUTY_TABLE, 'benchmark-archive-duty');
  }

  @Get('joint-procurement')
  @ApiOperation({
    summary: 'Joint procurement: municipalities whose contracts for a system or supplier end within a window',
    description:
      'For an IT system (`systemUuid`) or a supplier’s systems (`supplierUuid`; one of them is required): the ' +
      'municipalities whose contracts covering their usages end (the termination date once notice has been given, else ' +
      'the end date) or have their notice deadline between `from` and `to` (inclusive), with the contracts and the ' +
      'municipality’s contact details, soonest first, so that they can find each other and buy together. Contract dates ' +
      'are shared; economy appears only as `volume`, the year’s cost of those usages summed over the municipalities ' +
      'that share their contract economy (opted-out municipalities never count).' +
      SUPPRESSED +
      ' An unknown system or supplier, or one the caller may not read, gives an empty list.' +
      WHO +
      ' `format=csv|xlsx` gives the municipalities and their contracts as a file (one row per contract).',
  })
  @ApiOkResponse({ type: JointProcurementResult })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiProblems(400, 401, 403, 503, 504)
  async jointProcurement(
    @Query() query: JointProcurementQuery,
    @Req() request: FastifyRequest,
  ): Promise<JointProcurementResult | StreamableFile> {
    const { format, ...data } = query;
    const result = await this.rpc.request<JointProcurementResult>(Rpc.reporting.benchmarks.jointProcurement, callerOf(request), data);
    if (!format || format === 'json') return result;
    const rows = (async function* () {
      for (const municipality of result.municipalities)
        for (const contract of municipality.contracts) yield JOINT_PROCUREMENT_TABLE.row({ municipality, contract });
    })();
    const name = `benchmark-joint-procurement-${new Date().toISOString().slice(0, 10)}`;
    const { columns, sheet } = JOINT_PROCUREMENT_TABLE;
    return format === 'csv'
      ? new StreamableFile(reportCsv(columns, rows), { type: CSV_TYPE, disposition: attachment(`${name}.csv`) })
      : new StreamableFile(reportXlsx(columns, rows, sheet), { type: XLSX_TYPE, disposition: attachment(`${name}.xlsx`) });
  }
}
