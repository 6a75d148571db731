import { Controller, Get, Param, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { CallerContext } from '@kitos/common';
import {
  Article30Record,
  ExportFormatQuery,
  GdprDashboardResponse,
  GdprReportRow,
  Rpc,
  type Article30ControllerEntry,
  type Article30Header,
  type Article30ProcessorEntry,
  type RecordPage,
} from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';
import { CSV_TYPE, XLSX_TYPE, article30Csv, article30Xlsx, gdprReportCsv, gdprReportXlsx, type Article30Source } from './record-export';

const PAGE_SIZE = 100;
const FORMATS =
  '`format=json` (default), `csv` (UTF-8 with BOM, `;` separated, lists one item per line in a cell: opens in Danish Excel) or `xlsx`. ' +
  'CSV and XLSX are streamed as the pages of the record arrive; a failure before the first byte is a problem+json, a failure later ends the download.';

/** `/api/v2/organizations/{uuid}/gdpr/...`: the organisation's Article 30 record, the KITOS GDPR report and the compliance dashboard. */
@ApiTags('gdpr')
@Controller('api/v2/organizations')
export class GdprRecordsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':uuid/gdpr/article-30')
  @ApiOperation({
    summary: 'The record of processing activities (GDPR Art. 30) of an organisation',
    description:
      'Generated from the data: the controller record, Art. 30(1)(a–g) — processing activities and the system usages processing personal data — and ' +
      'the processor record, Art. 30(2), from data processing registrations of other organisations naming this one as (sub-)processor. ' +
      `Every missing mandatory field is listed as a finding per entry. Members of the organisation only (403). ${FORMATS}`,
  })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse({ type: Article30Record })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async article30(
    @Param('uuid', UuidParamPipe) organizationUuid: string,
    @Query() query: ExportFormatQuery,
    @Req() request: FastifyRequest,
  ): Promise<Article30Record | StreamableFile> {
    const caller = callerOf(request);
    const header = await this.rpc.request<Article30Header>(Rpc.gdpr.compliance.article30, caller, { organizationUuid, part: 'header' });
    const source: Article30Source = {
      header,
      controllerEntries: () =>
        this.pages<Article30ControllerEntry>(caller, Rpc.gdpr.compliance.article30, { organizationUuid, part: 'controller' }),
      processorEntries: () =>
        this.pages<Article30ProcessorEntry>(caller, Rpc.gdpr.compliance.article30, { organizationUuid, part: 'processor' }),
    };
    const file = `fortegnelse-art30-${organizationUuid}-${header.generatedAt.slice(0, 10)}`;
    if (query.format === 'csv')
      return new StreamableFile(article30Csv(source), { type: CSV_TYPE, disposition: `attachment; filename="${file}.csv"` });
    if (query.format === 'xlsx')
      return new StreamableFile(article30Xlsx(source), { type: XLSX_TYPE, disposition: `attachment; filename="${file}.xlsx"` });
    return {
      generatedAt: header.generatedAt,
      controller: header.controller,
      organizationFindings: header.organizationFindings,
      controllerRecord: await collect(source.controllerEntries()),
      processorRecord: await collect(source.processorEntries()),
    };
  }

  @Get(':uuid/gdpr/report')
  @ApiOperation({
    summary: 'The GDPR report of an organisation (KITOS internal/gdpr-report)',
    description: `One row per system usage: GDPR flags, whether a data processing agreement is concluded, insecure third countries. Members only (403). ${FORMATS}`,
  })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse({ type: [GdprReportRow] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async report(
    @Param('uuid', UuidParamPipe) organizationUuid: string,
    @Query() query: ExportFormatQuery,
    @Req() request: FastifyRequest,
  ): Promise<GdprReportRow[] | StreamableFile> {
    const caller = callerOf(request);
    const first = await this.rpc.request<RecordPage<GdprReportRow>>(Rpc.gdpr.compliance.gdprReport, caller, {
      organizationUuid,
      page: 0,
      pageSize: PAGE_SIZE,
    });
    const rows = this.pages<GdprReportRow>(caller, Rpc.gdpr.compliance.gdprReport, { organizationUuid }, first);
    const file = `gdpr-rapport-${organizationUuid}`;
    if (query.format === 'csv')
      return new StreamableFile(gdprReportCsv(rows), { type: CSV_TYPE, disposition: `attachment; filename="${file}.csv"` });
    if (query.format === 'xlsx')
      return new StreamableFile(gdprReportXlsx(rows), { type: XLSX_TYPE, disposition: `attachment; filename="${file}.xlsx"` });
    return collect(rows);
  }

  @Get(':uuid/gdpr/dashboard')
  @ApiOperation({
    summary: 'Compliance dashboard data of an organisation',
    description:
      'Counts and lists of usages with personal data but no concluded data processing agreement, with no or an outdated risk assessment ' +
      '(older than RISK_ASSESSMENT_MAX_AGE_MONTHS), with sensitive data but no DPIA, with undefined retention, covered by a registration with ' +
      'overdue oversight, and flagged by archiving as due for deletion before an approved archive delivery. Members only (403).',
  })
  @ApiOkResponse({ type: GdprDashboardResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  dashboard(@Param('uuid', UuidParamPipe) organizationUuid: string, @Req() request: FastifyRequest): Promise<GdprDashboardResponse> {
    return this.rpc.request<GdprDashboardResponse>(Rpc.gdpr.compliance.dashboard, callerOf(request), { organizationUuid });
  }

  /** Every item of a paged RPC, a page at a time (starting from an already fetched first page when given). */
  private async *pages<T>(caller: CallerContext, subject: string, data: Record<string, unknown>, first?: RecordPage<T>): AsyncGenerator<T> {
    let page = 0;
    let current = first ?? (await this.rpc.request<RecordPage<T>>(subject, caller, { ...data, page, pageSize: PAGE_SIZE }));
    for (;;) {
      yield* current.items;
      if (!current.hasMore) return;
      page++;
      current = await this.rpc.request<RecordPage<T>>(subject, caller, { ...data, page, pageSize: PAGE_SIZE });
    }
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
