import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateScimCredentialRequest,
  ScimCredentialResponse,
  ScimCredentialSecretResponse,
  ScimGroupMappingsRequest,
  ScimGroupMappingsResponse,
  ScimRpc,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** An organisation's SCIM provisioning, set up by its local administrators: the credential and the group → role mappings. */
@ApiTags('scim provisioning')
@Controller('api/v2/organizations/:organizationUuid')
export class ScimAdminController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('scim-credentials')
  @ApiOperation({
    summary: 'Create the SCIM credential of the organisation (local administrators)',
    description:
      'The answer holds the bearer secret for the identity management system; it is shown only here (only a hash is stored). One unrevoked credential per organisation: another → 409.',
  })
  @ApiCreatedResponse({ type: ScimCredentialSecretResponse })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  create(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: CreateScimCredentialRequest,
    @Req() request: FastifyRequest,
  ): Promise<ScimCredentialSecretResponse> {
    return this.rpc.request(ScimRpc.createCredential, callerOf(request), { organizationUuid, body });
  }

  @Get('scim-credentials')
  @ApiOperation({ summary: "The organisation's SCIM credentials, revoked ones included, without secrets (local administrators)" })
  @ApiOkResponse({ type: [ScimCredentialResponse] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  list(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<ScimCredentialResponse[]> {
    return this.rpc.request(ScimRpc.listCredentials, callerOf(request), { organizationUuid });
  }

  @Delete('scim-credentials/:uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a SCIM credential: refused from the next request on (local administrators)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async revoke(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(ScimRpc.revokeCredential, callerOf(request), { organizationUuid, uuid });
  }

  @Get('scim-group-mappings')
  @ApiOperation({ summary: 'Which SCIM group (by displayName) grants which organisation role (local administrators)' })
  @ApiOkResponse({ type: ScimGroupMappingsResponse, description: 'The ETag header holds their version ("0" while never written)' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async mappings(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimGroupMappingsResponse> {
    const answer = await this.rpc.request<ScimGroupMappingsResponse>(ScimRpc.getGroupMappings, callerOf(request), { organizationUuid });
    void reply.header('etag', etagOf(answer.version));
    return answer;
  }

  @Put('scim-group-mappings')
  @ApiOperation({
    summary: 'Replace the SCIM group → role mappings (local administrators)',
    description:
      'Members of a SCIM group whose displayName is mapped hold the role in the organisation while they are active. The rights of the members of groups whose role changed are brought up to date at once.',
  })
  @ApiHeader(ifMatchHeader('the mappings'))
  @ApiOkResponse({ type: ScimGroupMappingsResponse, description: 'The ETag header holds their new version' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async setMappings(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: ScimGroupMappingsRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ScimGroupMappingsResponse> {
    const answer = await this.rpc.request<ScimGroupMappingsResponse>(ScimRpc.putGroupMappings, callerOf(request), {
      organizationUuid,
      body,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(answer.version));
    return answer;
  }
}
