import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ItSystemReportQuery, MAX_PAGE_SIZE, Rpc, validateInto, type ItSystemReport } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { ItSystemReportRepository } from './it-system-report.repository';

@Controller()
export class ItSystemReportHandlers {
  constructor(private readonly rows: ItSystemReportRepository) {}

  @MessagePattern(Rpc.reporting.itSystemReport)
  report(@Payload() request: RpcRequest): Promise<ItSystemReport> {
    callerOf(request);
    const query = validateInto(ItSystemReportQuery, request.data);
    return this.rows.report({
      organizationUuid: query.organizationUuid,
      includeDeactivated: query.includeDeactivated ?? true,
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
    });
  }
}
