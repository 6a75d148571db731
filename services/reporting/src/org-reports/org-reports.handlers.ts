import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { requireUser } from '@kitos/common';
import {
  CreateReportViewRequest,
  OrgReportRequest,
  PatchReportViewRequest,
  ReportColumnsRequest,
  ReportViewListQuery,
  Rpc,
  validateInto,
  validatePatch,
  type OrgReportExportSession,
  type OrgReportPage,
  type ReportColumnsResponse,
  type ReportView,
} from '@kitos/contracts';
import { callerOf, expectedVersionOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { OrgReportsService } from './org-reports.service';
import { REPORTS } from './report-columns';
import { ReportExports } from './report-exports';
import { describeColumns } from './report-query';
import { SavedViewsService } from './saved-views.service';

@Controller()
export class OrgReportsHandlers {
  constructor(
    private readonly reports: OrgReportsService,
    private readonly exports: ReportExports,
    private readonly views: SavedViewsService,
  ) {}

  @MessagePattern(Rpc.reporting.orgReports.columns)
  columns(@Payload() request: RpcRequest): ReportColumnsResponse {
    requireUser(callerOf(request));
    const { report } = validateInto(ReportColumnsRequest, request.data);
    const def = REPORTS[report];
    return { report, columns: describeColumns(def), defaultSort: def.defaultSort };
  }

  @MessagePattern(Rpc.reporting.orgReports.get)
  get(@Payload() request: RpcRequest): Promise<OrgReportPage> {
    const caller = callerOf(request);
    requireUser(caller);
    return this.reports.page(caller, validateInto(OrgReportRequest, request.data));
  }

  @MessagePattern(Rpc.reporting.orgReports.exportOpen)
  exportOpen(@Payload() request: RpcRequest): Promise<OrgReportExportSession> {
    const caller = callerOf(request);
    requireUser(caller);
    return this.exports.start(caller, validateInto(OrgReportRequest, request.data));
  }

  @MessagePattern(Rpc.reporting.orgReports.views.create)
  createView(@Payload() request: RpcRequest): Promise<ReportView> {
    return this.views.create(callerOf(request), validateInto(CreateReportViewRequest, request.data));
  }

  @MessagePattern(Rpc.reporting.orgReports.views.list)
  listViews(@Payload() request: RpcRequest): Promise<ReportView[]> {
    return this.views.list(callerOf(request), validateInto(ReportViewListQuery, request.data ?? {}));
  }

  @MessagePattern(Rpc.reporting.orgReports.views.get)
  getView(@Payload() request: RpcRequest): Promise<ReportView> {
    return this.views.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.reporting.orgReports.views.patch)
  patchView(@Payload() request: RpcRequest<{ uuid: string; body: unknown; expectedVersion?: unknown }>): Promise<ReportView> {
    const caller = callerOf(request);
    return this.views.patch(
      caller,
      uuidOf(request.data),
      validatePatch(PatchReportViewRequest, request.data?.body),
      expectedVersionOf(request.data, 0),
    );
  }

  @MessagePattern(Rpc.reporting.orgReports.views.delete)
  async deleteView(@Payload() request: RpcRequest): Promise<void> {
    await this.views.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data, 0));
  }
}
