import { Controller, Get, Param, Query, Req, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AvailableOptionTypeResponse,
  OPTION_TYPE_KINDS,
  OptionTypeOrganizationQuery,
  OptionTypeResponse,
  OptionTypesQuery,
  Rpc,
  type OptionTypeKind,
  type Page,
} from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const pascal = (kind: string) => kind.replace(/(^|-)([a-z])/g, (_, _dash: string, c: string) => c.toUpperCase());

/**
 * The KITOS API v2 read endpoints of one option type, `GET /api/v2/<kind>` and `GET /api/v2/<kind>/{uuid}`, as one
 * controller per kind so that every path is documented on its own (as in KITOS).
 */
function optionTypeReadController(kind: OptionTypeKind): Type<unknown> {
  @ApiTags('option types')
  @Controller(`api/v2/${kind}`)
  class OptionTypeReadController {
    constructor(readonly rpc: RpcClient) {}

    @Get()
    @ApiOperation({
      summary: `Values of ${kind} available in an organisation`,
      description:
        'Enabled values that are obligatory or activated by the organisation, highest priority first; the description is the ' +
        "organisation's own when it set one. Without pageSize every value is returned. Members of the organisation and global administrators.",
    })
    @ApiOkResponse({ type: [OptionTypeResponse] })
    @ApiProblems(400, 401, 403, 503, 504)
    async list(@Query() query: OptionTypesQuery, @Req() request: FastifyRequest): Promise<OptionTypeResponse[]> {
      const page = await this.rpc.request<Page<OptionTypeResponse>>(Rpc.catalog.options.list, callerOf(request), { ...query, kind });
      return page.items;
    }

    @Get(':uuid')
    @ApiOperation({
      summary: `One value of ${kind}, with whether it is available in the organisation`,
      description: 'Any value of the type, also disabled or not activated ones (isAvailable false).',
    })
    @ApiOkResponse({ type: AvailableOptionTypeResponse })
    @ApiProblems(400, 401, 403, 404, 503, 504)
    get(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Query() query: OptionTypeOrganizationQuery,
      @Req() request: FastifyRequest,
    ): Promise<AvailableOptionTypeResponse> {
      return this.rpc.request(Rpc.catalog.options.get, callerOf(request), { ...query, kind, uuid });
    }
  }
  Object.defineProperty(OptionTypeReadController, 'name', { value: `${pascal(kind)}Controller` });
  return OptionTypeReadController;
}

export const OPTION_TYPE_READ_CONTROLLERS: Type<unknown>[] = OPTION_TYPE_KINDS.map(optionTypeReadController);
