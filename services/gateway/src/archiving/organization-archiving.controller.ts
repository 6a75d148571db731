import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ArchivingOverviewQuery, ArchivingOverviewRow, OverdueDeliveryRow, Rpc } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';
import { overviewTable, toCsv, toXlsx } from './archiving-overview.export';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Archiving across the usages of one organisation: the overview and the overdue deliveries. */
@ApiTags('archiving')
@Controller('api/v2/organizations/:organizationUuid/archiving')
export class OrganizationArchivingController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('overview')
  @ApiOperation({
    summary: 'Archiving overview of an organisation (JSON, CSV or XLSX)',
    description:
      'Every usage of the organisation with its archive duty, the recommendation, the basis of the decision (legal basis, ' +
      'receiving archive), the frequency, its journal periods with status, the next delivery due, the deletion due date from ' +
      'GDPR and the findings of today (DisagreesWithRecommendation, DeliveryOverdue, DeletionBeforeApprovedArchiving). ' +
      '`format=csv` is UTF-8 with a byte-order mark and `;` as separator (Danish Excel); `format=xlsx` one sheet. ' +
      'Members of the organisation only (403); an unknown organisation → 404.',
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiOkResponse({ type: [ArchivingOverviewRow] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async overview(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Query() query: ArchivingOverviewQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArchivingOverviewRow[] | Buffer> {
    const rows = await this.rpc.request<ArchivingOverviewRow[]>(Rpc.archiving.usageArchive.overview, callerOf(request), {
      organizationUuid,
    });
    const format = query.format ?? 'json';
    if (format === 'json') return rows;
    const file = `archiving-overview-${organizationUuid}.${format}`;
    void reply.header('content-disposition', `attachment; filename="${file}"`);
    if (format === 'csv') {
      void reply.type('text/csv; charset=utf-8');
      return toCsv(overviewTable(rows));
    }
    void reply.type(XLSX);
    return toXlsx(overviewTable(rows), 'Arkivering');
  }

  @Get('overdue-deliveries')
  @ApiOperation({
    summary: 'Deliveries to the archive that are overdue',
    description:
      "Usages whose next delivery (end of the latest approved journal period plus the frequency; the first period's start plus " +
      'the frequency while none is approved) was due before today (Europe/Copenhagen), the longest overdue first. Only duties ' +
      'that are delivered (B, PreserveDataCanDiscardDocuments). Members only (403); unknown organisation → 404.',
  })
  @ApiOkResponse({ type: [OverdueDeliveryRow] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  overdueDeliveries(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<OverdueDeliveryRow[]> {
    return this.rpc.request(Rpc.archiving.usageArchive.overdueDeliveries, callerOf(request), { organizationUuid });
  }
}
