import { Controller, Get, Param, Query, Req, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AvailableRoleOptionTypeResponse,
  RoleOptionTypeQuery,
  RoleOptionTypeResponse,
  RoleOptionTypesQuery,
  Rpc,
  type RoleObjectType,
} from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** KITOS API v2's role option types: the path of each and the kind of object its roles are held on. */
const ROLE_OPTION_PATHS: ReadonlyArray<readonly [path: string, objectType: RoleObjectType, controller: string]> = [
  ['it-system-usage-role-types', 'ItSystemUsage', 'ItSystemUsageRoleTypesController'],
  ['it-contract-role-types', 'ItContract', 'ItContractRoleTypesController'],
  ['data-processing-registration-role-types', 'DataProcessingRegistration', 'DataProcessingRegistrationRoleTypesController'],
  ['organization-unit-role-types', 'OrganizationUnit', 'OrganizationUnitRoleTypesController'],
];

/** `GET /api/v2/<kind>-role-types` and `/{uuid}` as in KITOS, one controller per kind so that each path is documented. */
function roleOptionTypeController(path: string, objectType: RoleObjectType, name: string): Type<unknown> {
  @ApiTags('option types')
  @Controller(`api/v2/${path}`)
  class RoleOptionTypeController {
    constructor(readonly rpc: RpcClient) {}

    @Get()
    @ApiOperation({
      summary: `${objectType} roles that may be assigned in an organisation`,
      description:
        'Roles enabled globally and not switched off by the organisation, by name, with whether holders may change the object. ' +
        'Without pageSize every role is returned. Members of the organisation and global administrators.',
    })
    @ApiOkResponse({ type: [RoleOptionTypeResponse] })
    @ApiProblems(400, 401, 403, 404, 503, 504)
    list(@Query() query: RoleOptionTypesQuery, @Req() request: FastifyRequest): Promise<RoleOptionTypeResponse[]> {
      return this.rpc.request(Rpc.identity.listRoleOptions, callerOf(request), { objectType, query });
    }

    @Get(':uuid')
    @ApiOperation({
      summary: `One ${objectType} role, with whether it may be assigned in the organisation`,
      description: 'Any role of the kind, also disabled or switched-off ones (isAvailable false).',
    })
    @ApiOkResponse({ type: AvailableRoleOptionTypeResponse })
    @ApiProblems(400, 401, 403, 404, 503, 504)
    get(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Query() query: RoleOptionTypeQuery,
      @Req() request: FastifyRequest,
    ): Promise<AvailableRoleOptionTypeResponse> {
      return this.rpc.request(Rpc.identity.getRoleOption, callerOf(request), { objectType, uuid, query });
    }
  }
  Object.defineProperty(RoleOptionTypeController, 'name', { value: name });
  return RoleOptionTypeController;
}

export const ROLE_OPTION_TYPE_CONTROLLERS: Type<unknown>[] = ROLE_OPTION_PATHS.map(([path, objectType, name]) =>
  roleOptionTypeController(path, objectType, name),
);
