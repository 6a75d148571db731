import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateOrganizationRequest,
  ListOrganizationsQuery,
  OrganizationResponse,
  PatchOrganizationRequest,
  Rpc,
  sentOnly,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { ApiBodyExamples, CREATE_ORGANIZATION_EXAMPLES } from '../openapi/request-examples';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
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
  @ApiOkResponse({ type: OrganizationResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganizationResponse> {
    const organization = await this.rpc.request<OrganizationResponse>(Rpc.identity.getOrganization, callerOf(request), { uuid });
    void reply.header('etag', etagOf(organization.version));
    return organization;
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change an organisation',
    description:
      'Only the properties sent change; null clears an optional one. Name, CVR (modulus 11, unique) and type: global ' +
      "administrators; address, e-mail, phone, contact person, data controller and DPO also the organisation's local " +
      'administrators. The change reaches the Article 30 record and the reports through the `identity.organization.updated` event.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version you read; 412 if the organisation changed since' })
  @ApiOkResponse({ type: OrganizationResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchOrganizationRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OrganizationResponse> {
    const organization = await this.rpc.request<OrganizationResponse>(Rpc.identity.patchOrganization, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(organization.version));
    return organization;
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an organisation (global administrators)' })
  @ApiHeader(ifMatchHeader('the organisation'))
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.identity.deleteOrganization, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }
}
