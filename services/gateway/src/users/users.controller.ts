import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreateUserRequest, PatchUserRequest, Rpc, UserResponse } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

@ApiTags('users')
@Controller('api/v2/users')
export class UsersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Create a user with rights in organisations',
    description:
      'Global administrators create anyone; local and organisation-module administrators create users in their own organisations. The e-mail is unique.',
  })
  @ApiCreatedResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  create(@Body() body: CreateUserRequest, @Req() request: FastifyRequest): Promise<UserResponse> {
    return this.rpc.request(Rpc.identity.createUser, callerOf(request), body);
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read a user (yourself, members of your organisations, or anyone for global administrators)' })
  @ApiOkResponse({ type: UserResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const user = await this.rpc.request<UserResponse>(Rpc.identity.getUser, callerOf(request), { uuid });
    void reply.header('etag', etagOf(user.version));
    return user;
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change a user',
    description:
      "Users change their own names; administrators of the user's organisations the rest. Revoking API access makes existing API tokens fail with 403 at once.",
  })
  @ApiHeader(ifMatchHeader('the user'))
  @ApiOkResponse({ type: UserResponse, description: 'The ETag header holds its new version' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchUserRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const user = await this.rpc.request<UserResponse>(Rpc.identity.patchUser, callerOf(request), {
      uuid,
      body,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(user.version));
    return user;
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a user everywhere (global administrators; not yourself)' })
  @ApiHeader(ifMatchHeader('the user'))
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.identity.deleteUser, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }
}
