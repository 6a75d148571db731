import { Controller } from '@nestjs/common';
import { catalogVisibility, requireUser } from '@kitos/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ItSystemReportQuery, MAX_PAGE_SIZE, Rpc, validateInto, type ItSystemReport } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { ItSystemReportRepository } from './it-system-report.repository';

@Controller()
export class ItSystemReportHandlers {
  constructor(private readonly rows: ItSystemReportRepository) {}

  @MessagePattern(Rpc.reporting.itSystemReport)
  report(@Payload() request: RpcRequest): Promise<ItSystemReport> {
    const caller = callerOf(request);
    requireUser(caller);
    const query = validateInto(ItSystemReportQuery, request.data);
    return this.rows.report({
      visibility: catalogVisibility(caller),
      organizationUuid: query.organizationUuid,
      includeDeactivated: query.includeDeactivated ?? true,
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
    });
  }
}
