import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateDataProcessingRegistrationRequest,
  DataProcessingRegistrationResponse,
  ListDataProcessingRegistrationsQuery,
  OversightDatePatch,
  OversightDateResponse,
  OversightDateWrite,
  Rpc,
  UpdateDataProcessingRegistrationRequest,
  sentOnly,
  type Page,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the registration');

const RULES =
  'Rules (400 with field errors): agreementConcludedAt only with isAgreementConcluded = Yes; insecure countries only with ' +
  'transferToInsecureThirdCountries = Yes; subDataProcessors only with hasSubDataProcessors = Yes; oversightDates only with ' +
  'isOversightCompleted = Yes — any other answer clears them. Options must be available in the organisation, processors must ' +
  'be organisations, usages and the responsible unit of the same organisation, role holders members, and the main contract one ' +
  'of the contracts associated with the registration. A name already used in the organisation → 409.';

/** `/api/v2/data-processing-registrations`: data processing registrations [Databehandling] (KITOS API v2). */
@ApiTags('data-processing-registrations')
@Controller('api/v2/data-processing-registrations')
export class DataProcessingRegistrationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register a data processing (agreement, processors, transfers, oversight)',
    description:
      'Global, local, system-module and contract-module administrators of the organisation create registrations (403 otherwise; ' +
      `an unknown organisation → 400). ${RULES}`,
  })
  @ApiCreatedResponse({ type: DataProcessingRegistrationResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  async create(
    @Body() body: CreateDataProcessingRegistrationRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DataProcessingRegistrationResponse> {
    const created = await this.rpc.request<DataProcessingRegistrationResponse>(Rpc.gdpr.dpr.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/data-processing-registrations/${created.uuid}`);
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List data processing registrations',
    description:
      "Only registrations of the caller's organisations (all for global administrators). Stable order: creation order by default, " +
      'the name with orderByProperty=Name, last change when changedSinceGtEq is given.',
  })
  @ApiOkResponse({ type: [DataProcessingRegistrationResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(
    @Query() query: ListDataProcessingRegistrationsQuery,
    @Req() request: FastifyRequest,
  ): Promise<DataProcessingRegistrationResponse[]> {
    const page = await this.rpc.request<Page<DataProcessingRegistrationResponse>>(Rpc.gdpr.dpr.list, callerOf(request), query);
    return page.items;
  }

  @Post(':uuid/oversight-dates')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add a completed oversight to a data processing registration',
    description:
      'KITOS `POST /api/v2/data-processing-registrations/{uuid}/oversight-dates` (answers 200 with the date, as KITOS). Only while ' +
      'isOversightCompleted is Yes (400). Same rights as changing the registration (403); unknown → 404.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OversightDateResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  addOversightDate(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() date: OversightDateWrite,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<OversightDateResponse> {
    return this.rpc.request(Rpc.gdpr.dpr.addOversightDate, callerOf(request), { uuid, date, expectedVersion: expectedVersionOf(ifMatch) });
  }

  @Patch(':uuid/oversight-dates/:oversightDateUuid')
  @ApiOperation({
    summary: 'Change a completed oversight of a data processing registration',
    description:
      'KITOS `PATCH /api/v2/data-processing-registrations/{uuid}/oversight-dates/{oversightDateUuid}`: only the properties sent change. ' +
      'An unknown date → 404.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OversightDateResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  patchOversightDate(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Param('oversightDateUuid', UuidParamPipe) oversightDateUuid: string,
    @Body() body: OversightDatePatch,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<OversightDateResponse> {
    return this.rpc.request(Rpc.gdpr.dpr.patchOversightDate, callerOf(request), {
      uuid,
      oversightDateUuid,
      date: sentOnly(request.body, body),
      expectedVersion: expectedVersionOf(ifMatch),
    });
  }

  @Delete(':uuid/oversight-dates/:oversightDateUuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a completed oversight of a data processing registration',
    description: 'KITOS `DELETE /api/v2/data-processing-registrations/{uuid}/oversight-dates/{oversightDateUuid}`; an unknown date → 404.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async deleteOversightDate(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Param('oversightDateUuid', UuidParamPipe) oversightDateUuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.gdpr.dpr.deleteOversightDate, callerOf(request), {
      uuid,
      oversightDateUuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
  }

  @Get(':uuid')
  @ApiOperation({
    summary: 'Read one data processing registration',
    description: "Another organisation's registration → 403 (KITOS); unknown → 404.",
  })
  @ApiOkResponse({ type: DataProcessingRegistrationResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DataProcessingRegistrationResponse> {
    const registration = await this.rpc.request<DataProcessingRegistrationResponse>(Rpc.gdpr.dpr.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(registration.version));
    return registration;
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace a data processing registration',
    description: `name is required; everything left out is reset. ${RULES}`,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DataProcessingRegistrationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateDataProcessingRegistrationRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DataProcessingRegistrationResponse> {
    return this.write(Rpc.gdpr.dpr.put, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes: body });
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some properties of a data processing registration',
    description: `Only the properties sent change, inside general and oversight too; a part sent as null is reset. ${RULES}`,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DataProcessingRegistrationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateDataProcessingRegistrationRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DataProcessingRegistrationResponse> {
    return this.write(Rpc.gdpr.dpr.patch, request, reply, {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: sentOnly(request.body, body),
    });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a data processing registration' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.gdpr.dpr.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  private async write(
    subject: string,
    request: FastifyRequest,
    reply: FastifyReply,
    data: object,
  ): Promise<DataProcessingRegistrationResponse> {
    const registration = await this.rpc.request<DataProcessingRegistrationResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(registration.version));
    return registration;
  }
}
