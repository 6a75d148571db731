import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
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
  @ApiOkResponse({ type: OrganizationUnitResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  get(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<OrganizationUnitResponse> {
    return this.rpc.request(Rpc.identity.getUnit, callerOf(request), { organizationUuid, uuid });
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
    description: 'The root cannot be moved; a unit cannot move under itself or its own units (400).',
  })
  @ApiOkResponse({ type: OrganizationUnitResponse })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  patch(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchOrganizationUnitRequest,
    @Req() request: FastifyRequest,
  ): Promise<OrganizationUnitResponse> {
    const sent = sentOnly(request.body, body);
    return this.rpc.request(Rpc.identity.patchUnit, callerOf(request), { organizationUuid, uuid, body: sent });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a unit (local administrators)',
    description: 'The root cannot be deleted (400); a unit with units under it → 409 listing them.',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  async delete(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.identity.deleteUnit, callerOf(request), { organizationUuid, uuid });
  }
}
