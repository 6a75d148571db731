import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateOrganizationUnitRequest,
  ImportOrganizationUnitsRequest,
  ImportOrganizationUnitsResponse,
  ListOrganizationUnitsQuery,
  OrganizationUnitResponse,
  PatchOrganizationUnitRequest,
  Rpc,
  sentOnly,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

@ApiTags('organization units')
@Controller('api/v2/organizations/:organizationUuid/organization-units')
export class OrganizationUnitsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: "The organisation's unit tree as a flat list (members only)",
    description:
      'The root has no parent; every other unit names its parent. Tree order; with changedSinceGtEq only the units created or ' +
      'changed since, oldest change first (as KITOS). Paged with page/pageSize.',
  })
  @ApiOkResponse({ type: [OrganizationUnitResponse] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  list(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Query() query: ListOrganizationUnitsQuery,
    @Req() request: FastifyRequest,
  ): Promise<OrganizationUnitResponse[]> {
    return this.rpc.request(Rpc.identity.listUnits, callerOf(request), { ...query, organizationUuid });
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read one organisation unit' })
  @ApiOkResponse({ type: OrganizationUnitResponse, description: "The ETag header holds the version of the organisation's unit tree" })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganizationUnitResponse> {
    const unit = await this.rpc.request<OrganizationUnitResponse>(Rpc.identity.getUnit, callerOf(request), { organizationUuid, uuid });
    void reply.header('etag', etagOf(unit.version));
    return unit;
  }

  @Post()
  @ApiOperation({ summary: 'Create a unit under a parent (local and organisation-module administrators)' })
  @ApiCreatedResponse({ type: OrganizationUnitResponse })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  create(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: CreateOrganizationUnitRequest,
    @Req() request: FastifyRequest,
  ): Promise<OrganizationUnitResponse> {
    return this.rpc.request(Rpc.identity.createUnit, callerOf(request), { organizationUuid, body });
  }

  @Post('import')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Import a unit tree from JSON or CSV',
    description:
      'Units are matched by their local unit id: existing ones are updated (name, parent, EAN), new ones created. All or nothing: any invalid row (duplicate id, unknown parent, cycle) changes nothing and is reported by row.',
  })
  @ApiOkResponse({ type: ImportOrganizationUnitsResponse })
  @ApiProblems(400, 401, 403, 404, 409, 413, 503, 504)
  import(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: ImportOrganizationUnitsRequest,
    @Req() request: FastifyRequest,
  ): Promise<ImportOrganizationUnitsResponse> {
    return this.rpc.request(Rpc.identity.importUnits, callerOf(request), { organizationUuid, body });
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Rename, renumber or move a unit',
    description:
      'The root cannot be moved; a unit cannot move under itself or its own units (400). ' +
      "If-Match takes the ETag of the organisation's unit tree (every unit of the organisation carries it).",
  })
  @ApiHeader(ifMatchHeader("the organisation's unit tree"))
  @ApiOkResponse({ type: OrganizationUnitResponse, description: 'The ETag header holds the new version of the unit tree' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchOrganizationUnitRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganizationUnitResponse> {
    const sent = sentOnly(request.body, body);
    const unit = await this.rpc.request<OrganizationUnitResponse>(Rpc.identity.patchUnit, callerOf(request), {
      organizationUuid,
      uuid,
      body: sent,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(unit.version));
    return unit;
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a unit (local administrators)',
    description: 'The root cannot be deleted (400); a unit with units under it → 409 listing them.',
  })
  @ApiHeader(ifMatchHeader("the organisation's unit tree"))
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.identity.deleteUnit, callerOf(request), {
      organizationUuid,
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
  }
}
