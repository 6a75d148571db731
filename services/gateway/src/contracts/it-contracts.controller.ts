import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItContractRequest,
  ItContractResponse,
  ListItContractsQuery,
  Rpc,
  TransferItContractsRequest,
  UpdateItContractRequest,
  sentOnly,
  type Page,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { ApiBodyExamples, CREATE_IT_CONTRACT_EXAMPLES, PATCH_IT_CONTRACT_EXAMPLES } from '../openapi/request-examples';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the contract');

/** `/api/v2/it-contracts`: IT contracts [IT Kontrakter] (KITOS API v2), with validity, deadlines and economy. */
@ApiTags('it-contracts')
@Controller('api/v2/it-contracts')
export class ItContractsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register an IT contract',
    description:
      'Name unique in the organisation (409). Global, local and contract-module administrators of the organisation create contracts (403). ' +
      'Options must be available in the organisation, the supplier a known organisation, units, usages and data processing registrations ' +
      "of the contract's organisation (400). Parent: unknown 404, unreadable 403, other organisation 400.",
  })
  @ApiCreatedResponse({ type: ItContractResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  @ApiBodyExamples(CreateItContractRequest, CREATE_IT_CONTRACT_EXAMPLES)
  async create(
    @Body() body: CreateItContractRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItContractResponse> {
    const created = await this.rpc.request<ItContractResponse>(Rpc.contracts.itContracts.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/it-contracts/${created.uuid}`);
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List IT contracts',
    description:
      "Only contracts of the caller's organisations (all for global administrators). Creation order by default, by name with " +
      'orderByProperty=Name, by last change when changedSinceGtEq is given.',
  })
  @ApiOkResponse({ type: [ItContractResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(@Query() query: ListItContractsQuery, @Req() request: FastifyRequest): Promise<ItContractResponse[]> {
    const page = await this.rpc.request<Page<ItContractResponse>>(Rpc.contracts.itContracts.list, callerOf(request), query);
    return page.items;
  }

  @Post('transfer')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move several contracts under a new parent',
    description:
      'KITOS `PATCH internal/it-contracts/transfer`. Every contract must exist (404) and be changeable by you (403); the parent must ' +
      'exist (404), be readable (403), belong to their organisation and not be one of them or below one of them (400). null moves them ' +
      'to the top. Everything is checked before anything moves; each moved contract gets a new version and an event.',
  })
  @ApiOkResponse({ type: [ItContractResponse], description: 'The moved contracts' })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  transfer(@Body() body: TransferItContractsRequest, @Req() request: FastifyRequest): Promise<ItContractResponse[]> {
    return this.rpc.request<ItContractResponse[]>(Rpc.contracts.itContracts.transfer, callerOf(request), body);
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read one IT contract', description: "Another organisation's contract → 403 (as KITOS); unknown → 404." })
  @ApiOkResponse({ type: ItContractResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItContractResponse> {
    const contract = await this.rpc.request<ItContractResponse>(Rpc.contracts.itContracts.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(contract.version));
    return contract;
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace every part of an IT contract',
    description: 'name is required; parts left out are reset (empty lists, nulls).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItContractResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateItContractRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItContractResponse> {
    return this.write(Rpc.contracts.itContracts.put, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes: body });
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some parts of an IT contract',
    description: 'Each part present replaces that whole part (a section as a whole); null resets it; absent parts stay as they are.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItContractResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  @ApiBodyExamples(UpdateItContractRequest, PATCH_IT_CONTRACT_EXAMPLES)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateItContractRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItContractResponse> {
    const changes = sentOnly(request.body, body);
    return this.write(Rpc.contracts.itContracts.patch, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an IT contract',
    description: 'Its payments and references go with it; its sub-contracts stay and become top-level contracts (each gets an event).',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.contracts.itContracts.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  @Delete(':uuid/delete-with-children')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an IT contract and all its sub-contracts',
    description:
      'KITOS `DELETE internal/it-contracts/{uuid}/delete-with-children`. You must be allowed to change every contract in the subtree (403).',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async deleteWithChildren(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.contracts.itContracts.deleteWithChildren, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
  }

  private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<ItContractResponse> {
    const contract = await this.rpc.request<ItContractResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(contract.version));
    return contract;
  }
}
