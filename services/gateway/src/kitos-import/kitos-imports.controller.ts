import { Body, Controller, Get, HttpCode, Param, Post, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { KitosImportJobResponse, StartKitosImportRequest } from './dto/kitos-import.dto';
import { reportXlsx } from './import-report';
import { KitosImportJobs } from './kitos-import-jobs';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Moving from KITOS: import an organisation's IT overview from a running KITOS (docs/migration.md). */
@ApiTags('admin')
@Controller('api/v2/admin/imports')
export class KitosImportsController {
  constructor(private readonly jobs: KitosImportJobs) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start an import from KITOS (dry run unless apply)',
    description:
      "Reads the organisation from KITOS's public API v2 with the given API user and imports it through the same commands " +
      'as this API, as you (your rights apply to every write): the organisation, its units, users and their organisation ' +
      'roles, the IT systems and interfaces it uses, and its system usages (general, organisation units, external ' +
      'references, roles) with their outgoing relations. KITOS uuids are kept, so running again updates instead of duplicating, and unchanged objects stay ' +
      'untouched. Without `apply` nothing is written and the report says what would be created, updated and skipped. ' +
      'Answers at once with the job; follow it at `GET /api/v2/admin/imports/{uuid}`. The same as `npm run import:kitos`. ' +
      'Global administrators, and local administrators of the organisation (403).',
  })
  @ApiAcceptedResponse({ type: KitosImportJobResponse, description: 'The job, running; the Location header names it' })
  @ApiProblems(400, 401, 403)
  start(
    @Body() body: StartKitosImportRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): KitosImportJobResponse {
    const job = this.jobs.start(callerOf(request), body);
    void reply.header('location', `/api/v2/admin/imports/${job.uuid}`);
    return job;
  }

  @Get(':uuid')
  @ApiOperation({
    summary: 'Follow an import from KITOS',
    description: 'Progress per type while it runs; the report (counts per type, every object with its outcome and reason) when it is over.',
  })
  @ApiOkResponse({ type: KitosImportJobResponse })
  @ApiProblems(400, 401, 403, 404)
  get(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): KitosImportJobResponse {
    return this.jobs.get(callerOf(request), uuid);
  }

  @Get(':uuid/report.xlsx')
  @ApiOperation({
    summary: 'The report of an import from KITOS as XLSX',
    description:
      'A Summary sheet (counts per type) and an Objects sheet (every object with its outcome, fields, reason and notes). 409 while the import runs.',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The workbook', content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 401, 403, 404, 409)
  async reportXlsx(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<StreamableFile> {
    const report = this.jobs.report(callerOf(request), uuid);
    return new StreamableFile(await reportXlsx(report), {
      type: XLSX_TYPE,
      disposition: `attachment; filename="kitos-import-${report.organizationUuid}-${report.startedAt.slice(0, 10)}.xlsx"`,
    });
  }
}
