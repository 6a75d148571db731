import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError } from '@kitos/common';
import { ARTICLE_30_PARTS, Rpc, type Article30PageRpc, type Article30Part, type OrganizationRecordRpc } from '@kitos/contracts';
import { callerOf, organizationUuidOf, type RpcRequest } from '@kitos/platform';
import { RecordsService } from './records.service';

const MAX_RECORD_PAGE = 500;

function paging(data: { page?: unknown; pageSize?: unknown } | undefined): { page: number; pageSize: number } {
  const page = data?.page ?? 0;
  const pageSize = data?.pageSize ?? 100;
  if (!Number.isInteger(page) || (page as number) < 0)
    throw DomainError.badInput('page must be a non-negative integer', [{ field: 'page', message: 'must be ≥ 0' }]);
  if (!Number.isInteger(pageSize) || (pageSize as number) < 1 || (pageSize as number) > MAX_RECORD_PAGE)
    throw DomainError.badInput(`pageSize must be 1 to ${MAX_RECORD_PAGE}`, [
      { field: 'pageSize', message: `must be 1 to ${MAX_RECORD_PAGE}` },
    ]);
  return { page: page as number, pageSize: pageSize as number };
}

/** Request handlers of the records: Article 30, the GDPR report and the dashboard. */
@Controller()
export class RecordsHandlers {
  constructor(private readonly service: RecordsService) {}

  @MessagePattern(Rpc.gdpr.compliance.article30)
  article30(@Payload() request: RpcRequest<Article30PageRpc>) {
    const part = request.data?.part;
    if (!ARTICLE_30_PARTS.includes(part as Article30Part))
      throw DomainError.badInput('Unknown part of the record', [
        { field: 'part', message: `must be one of ${ARTICLE_30_PARTS.join(', ')}` },
      ]);
    const { page, pageSize } = paging(request.data);
    return this.service.article30(callerOf(request), organizationUuidOf(request.data), part, page, pageSize);
  }

  @MessagePattern(Rpc.gdpr.compliance.gdprReport)
  gdprReport(@Payload() request: RpcRequest<OrganizationRecordRpc>) {
    const { page, pageSize } = paging(request.data);
    return this.service.gdprReport(callerOf(request), organizationUuidOf(request.data), page, pageSize);
  }

  @MessagePattern(Rpc.gdpr.compliance.dashboard)
  dashboard(@Payload() request: RpcRequest<OrganizationRecordRpc>) {
    return this.service.dashboard(callerOf(request), organizationUuidOf(request.data));
  }
}
