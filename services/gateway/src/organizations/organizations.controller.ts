import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateOrganizationRequest, ListOrganizationsQuery, OrganizationResponse, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { ApiBodyExamples, CREATE_ORGANIZATION_EXAMPLES } from '../openapi/request-examples';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

@ApiTags('organizations')
@Controller('api/v2/organizations')
export class OrganizationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Create an organisation (global administrators)',
    description: 'The CVR number is validated (modulus 11) and unique.',
  })
  @ApiCreatedResponse({ type: OrganizationResponse })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  @ApiBodyExamples(CreateOrganizationRequest, CREATE_ORGANIZATION_EXAMPLES)
  create(@Body() body: CreateOrganizationRequest, @Req() request: FastifyRequest): Promise<OrganizationResponse> {
    return this.rpc.request(Rpc.identity.createOrganization, callerOf(request), body);
  }

  @Get()
  @ApiOperation({ summary: 'List organisations', description: 'Name, CVR and type are public; master data only for members.' })
  @ApiOkResponse({ type: [OrganizationResponse] })
  @ApiProblems(400, 401, 503, 504)
  list(@Query() query: ListOrganizationsQuery, @Req() request: FastifyRequest): Promise<OrganizationResponse[]> {
    return this.rpc.request(Rpc.identity.listOrganizations, callerOf(request), query);
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read one organisation' })
  @ApiOkResponse({ type: OrganizationResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  get(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<OrganizationResponse> {
    return this.rpc.request(Rpc.identity.getOrganization, callerOf(request), { uuid });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an organisation (global administrators)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async delete(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<void> {
    await this.rpc.request(Rpc.identity.deleteOrganization, callerOf(request), { uuid });
  }
}
