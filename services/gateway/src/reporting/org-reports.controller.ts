import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { DomainError, type FieldError } from '@kitos/common';
import {
  CreateReportViewRequest,
  MAX_PAGE_SIZE,
  ORG_REPORTS,
  OrgReportPage,
  PatchReportViewRequest,
  ReportColumnsResponse,
  ReportView,
  ReportViewListQuery,
  Rpc,
  type OrgReportExportSession,
  type OrgReportName,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';
import { CSV_TYPE, XLSX_TYPE, attachment, reportCsv, reportXlsx } from './export/report-export';
import { ReportPageReader } from './export/report-pages';

type Format = 'json' | 'csv' | 'xlsx';

/** The report query as the gateway passes it on (reporting validates columns, sort and filters against the report). */
export interface ParsedReportQuery {
  format: Format;
  data: { columns?: string[]; sort?: string; filters?: Record<string, string>; view?: string; page?: number; pageSize?: number };
}

const FILTER_KEY = /^filter(?:\.([^.[\]]+)|\[([^[\]]+)\])$/;
const INTEGER = /^\d{1,9}$/;

/** Parses the query string of a report: `columns`, `sort`, `page`, `pageSize`, `view`, `format`, `filter.<key>` / `filter[<key>]`. */
export function parseReportQuery(query: Record<string, unknown>, accept: string | undefined): ParsedReportQuery {
  const errors: FieldError[] = [];
  const data: ParsedReportQuery['data'] = {};
  const filters: Record<string, string> = {};
  let format: Format | undefined;
  for (const [name, value] of Object.entries(query ?? {})) {
    if (typeof value !== 'string') {
      errors.push({ field: name, message: 'must be given once' });
      continue;
    }
    const filter = FILTER_KEY.exec(name);
    if (filter) {
      filters[filter[1] ?? filter[2]] = value;
      continue;
    }
    switch (name) {
      case 'columns': {
        const keys = value
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean);
        if (keys.length === 0) errors.push({ field: 'columns', message: 'must name at least one column' });
        else data.columns = keys;
        break;
      }
      case 'sort':
        data.sort = value.trim();
        break;
      case 'view':
        data.view = value.trim();
        break;
      case 'page':
      case 'pageSize':
        if (!INTEGER.test(value)) errors.push({ field: name, message: `${name} must be a whole number` });
        else data[name] = Number(value);
        break;
      case 'format':
        if (value === 'json' || value === 'csv' || value === 'xlsx') format = value;
        else errors.push({ field: 'format', message: 'format must be one of json, csv, xlsx' });
        break;
      default:
        errors.push({
          field: name,
          message: `unknown query parameter (use columns, sort, page, pageSize, view, format or filter.<column>)`,
        });
    }
  }
  if (errors.length) throw DomainError.badInput('The report query is invalid', errors);
  if (Object.keys(filters).length) data.filters = filters;
  if (!format && accept) {
    if (accept.includes('text/csv')) format = 'csv';
    else if (accept.includes(XLSX_TYPE)) format = 'xlsx';
  }
  return { format: format ?? 'json', data };
}

const REPORT_NAMES =
  '`it-system-usages` (system usages: system, local name and id, lifecycle, responsible unit, expected users, personal data, risk ' +
  'assessment, DPIA, archive duty, DPRs/contracts covering it, notes), `it-contracts` (name, id, supplier, validity, end date, ' +
  'notice period and deadline, responsible unit, economy, notes), `data-processing-registrations` (name, agreement, data ' +
  'processors, oversight dates, remarks), `it-interfaces` (the interfaces the organisation registered) and `system-relations` ' +
  '(from/to system, interface, contract, description).';

const QUERY =
  '`columns=a,b,c` selects and orders the columns (`GET /api/v2/reports/{report}/columns` lists them); `sort=col` or `sort=-col` ' +
  '(then by uuid; computed columns cannot be sorted on); `filter.<col>=<value>` (or `filter[<col>]`): text contains, ' +
  'case-insensitive; enum and boolean (`true`/`false`) equality; dates `YYYY-MM-DD`, `from..to`, `from..` or `..to` (inclusive); ' +
  'numbers and money (øre) likewise; `page` (0-based) and `pageSize` (1–' +
  MAX_PAGE_SIZE +
  ', default ' +
  MAX_PAGE_SIZE +
  '); `view={uuid}` applies a saved view (explicit columns/sort replace its own, filters add to its own). Without `view` and ' +
  'without `columns` the organisation default view of the report applies, if there is one. Unknown columns, sorting or ' +
  'filtering a computed column, and bad filter values answer 400 naming the parameter.';

const SHARING =
  'Members of the organisation and global admins see every column. Users of another organisation who read across ' +
  'organisations see everything the sharing rules share: notes and remark columns (and economy, where the organisation opted ' +
  'out) are left out of the default columns and answer 400 when named in `columns`, `sort` or a filter, so that no private value ' +
  'can be inferred. Anyone else: 404.';

const FORMATS =
  '`format=json` (default; or `Accept: text/csv` / the XLSX type): `csv` is UTF-8 with BOM, `;` separated, every cell quoted, ' +
  'CRLF, dates dd-mm-yyyy, money in kroner with decimal comma, Ja/Nej, Danish enum names, lists one item per line; `xlsx` has one ' +
  'sheet with real dates (dd-mm-yyyy) and numbers. Both hold every matching row (page and pageSize are ignored) and are streamed ' +
  'as the rows come from the database, with flat memory however large the report. A failure before the first byte is a ' +
  'problem+json; a failure later ends the download.';

/** The organisation reports (KITOS overviews) and their saved views, served by the reporting service. */
@ApiTags('reports')
@Controller('api/v2')
export class OrgReportsController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly pages: ReportPageReader,
  ) {}

  @Get('reports/organizations/:uuid/:report')
  @ApiOperation({
    summary: 'An organisation report: usages, contracts, DPRs, interfaces or relations',
    description: `${REPORT_NAMES} ${QUERY} ${SHARING} ${FORMATS}`,
  })
  @ApiParam({ name: 'report', enum: ORG_REPORTS })
  @ApiQuery({ name: 'columns', required: false, type: String, example: 'systemName,localCallName,riskAssessmentDate' })
  @ApiQuery({ name: 'sort', required: false, type: String, example: '-riskAssessmentDate' })
  @ApiQuery({
    name: 'filter.<column>',
    required: false,
    type: String,
    example: 'processesPersonalData=true',
    description: 'One per column',
  })
  @ApiQuery({ name: 'page', required: false, type: 'integer', minimum: 0 })
  @ApiQuery({ name: 'pageSize', required: false, type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE })
  @ApiQuery({ name: 'view', required: false, type: String, format: 'uuid', description: 'A saved view (uuid)' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiProduces('application/json', CSV_TYPE, XLSX_TYPE)
  @ApiOkResponse({ type: OrgReportPage })
  @ApiProblems(400, 401, 404, 503, 504)
  async report(
    @Param('uuid', UuidParamPipe) organizationUuid: string,
    @Param('report') report: string,
    @Query() query: Record<string, unknown>,
    @Headers('accept') accept: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<OrgReportPage | StreamableFile> {
    const name = reportName(report);
    const { format, data } = parseReportQuery(query, accept);
    const caller = callerOf(request);
    if (format === 'json')
      return this.rpc.request<OrgReportPage>(Rpc.reporting.orgReports.get, caller, { ...data, organizationUuid, report: name });
    const { page: _page, pageSize: _pageSize, ...selection } = data;
    const session = await this.rpc.request<OrgReportExportSession>(Rpc.reporting.orgReports.exportOpen, caller, {
      ...selection,
      organizationUuid,
      report: name,
    });
    const rows = this.pages.rows(caller, session.pageSubject);
    const file = `${name}-${organizationUuid}-${new Date().toISOString().slice(0, 10)}`;
    if (format === 'csv')
      return new StreamableFile(reportCsv(session.columns, rows), { type: CSV_TYPE, disposition: attachment(`${file}.csv`) });
    return new StreamableFile(reportXlsx(session.columns, rows, SHEETS[name]), {
      type: XLSX_TYPE,
      disposition: attachment(`${file}.xlsx`),
    });
  }

  @Get('reports/:report/columns')
  @ApiOperation({
    summary: 'The columns of an organisation report',
    description:
      'Key, Danish header, type, whether it can be sorted and filtered on (computed columns — names looked up from other objects, ' +
      'counts — cannot), whether it is a default column, the values of enums, and its private class under the sharing rules.',
  })
  @ApiParam({ name: 'report', enum: ORG_REPORTS })
  @ApiOkResponse({ type: ReportColumnsResponse })
  @ApiProblems(401, 404, 503, 504)
  columns(@Param('report') report: string, @Req() request: FastifyRequest): Promise<ReportColumnsResponse> {
    return this.rpc.request<ReportColumnsResponse>(Rpc.reporting.orgReports.columns, callerOf(request), { report: reportName(report) });
  }

  @Post('report-views')
  @ApiTags('report-views')
  @ApiOperation({
    summary: 'Save a view of an organisation report',
    description:
      'Columns, sort and filters as in the report query (validated the same way, for the caller’s view of the organisation). ' +
      'The view is the caller’s own, visible to nobody else, unless `organizationDefault` is set: then it is the default of the ' +
      'report for the organisation (replacing the former default), which only local admins and global admins may set (403).',
  })
  @ApiCreatedResponse({ type: ReportView })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  createView(@Body() body: CreateReportViewRequest, @Req() request: FastifyRequest): Promise<ReportView> {
    return this.rpc.request<ReportView>(Rpc.reporting.orgReports.views.create, callerOf(request), body);
  }

  @Get('report-views')
  @ApiTags('report-views')
  @ApiOperation({
    summary: 'The caller’s saved views and the organisation defaults',
    description: 'Her own views, and the default views of the organisation given (or of her organisations), by name.',
  })
  @ApiOkResponse({ type: [ReportView] })
  @ApiProblems(400, 401, 404, 503, 504)
  listViews(@Query() query: ReportViewListQuery, @Req() request: FastifyRequest): Promise<ReportView[]> {
    return this.rpc.request<ReportView[]>(Rpc.reporting.orgReports.views.list, callerOf(request), { ...query });
  }

  @Get('report-views/:uuid')
  @ApiTags('report-views')
  @ApiOperation({ summary: 'A saved view', description: 'Another user’s own view answers 404.' })
  @ApiOkResponse({ type: ReportView, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async getView(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportView> {
    const view = await this.rpc.request<ReportView>(Rpc.reporting.orgReports.views.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(view.version));
    return view;
  }

  @Patch('report-views/:uuid')
  @ApiTags('report-views')
  @ApiOperation({
    summary: 'Change a saved view',
    description:
      'Its owner changes her own view; an organisation default (or making a view one, `organizationDefault: true`, or ending ' +
      'it, `false`) only local admins and global admins (403).',
  })
  @ApiHeader(ifMatchHeader('the view'))
  @ApiOkResponse({ type: ReportView, description: 'The ETag header holds its new version' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async patchView(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchReportViewRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportView> {
    const view = await this.rpc.request<ReportView>(Rpc.reporting.orgReports.views.patch, callerOf(request), {
      uuid,
      body: request.body ?? body,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(view.version));
    return view;
  }

  @Delete('report-views/:uuid')
  @HttpCode(204)
  @ApiTags('report-views')
  @ApiOperation({
    summary: 'Delete a saved view',
    description: 'As for changes: the owner, or for an organisation default its local admins.',
  })
  @ApiHeader(ifMatchHeader('the view'))
  @ApiNoContentResponse()
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async deleteView(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.reporting.orgReports.views.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }
}

const SHEETS: Record<OrgReportName, string> = {
  'it-system-usages': 'IT-systemanvendelser',
  'it-contracts': 'IT-kontrakter',
  'data-processing-registrations': 'Databehandlinger',
  'it-interfaces': 'Snitflader',
  'system-relations': 'Relationer',
};

function reportName(report: string): OrgReportName {
  if (!(ORG_REPORTS as readonly string[]).includes(report)) throw DomainError.notFound('report', report);
  return report as OrgReportName;
}
