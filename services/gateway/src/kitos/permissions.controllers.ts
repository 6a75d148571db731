import { Controller, Get, Param, Query, Req, type Type } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CollectionPermissionsQuery,
  ItInterfacePermissionsResponse,
  ItSystemPermissionsResponse,
  ResourceCollectionPermissionsResponse,
  ResourcePermissionsResponse,
  Rpc,
} from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

interface PermissionsOf {
  readonly resource:
    'it-systems' | 'it-interfaces' | 'it-system-usages' | 'it-contracts' | 'data-processing-registrations' | 'it-system-usage-archives';
  readonly what: string;
  readonly className: string;
  /** `collection` answers `GET …/permissions?organizationUuid=`; a resource nobody creates (archives) has none. */
  readonly subjects: { readonly one: string; readonly collection?: string };
  /** Who may create, in the collection endpoint's description. */
  readonly creators?: string;
  readonly response: Type<object>;
  readonly detail: string;
  /** What a caller who may not read the object gets, as on GET. */
  readonly unreadable: 403 | 404;
}

/**
 * KITOS `GET /api/v2/<resource>/{uuid}/permissions` and, where objects are created, `GET /api/v2/<resource>/permissions?organizationUuid=`,
 * one controller per resource. The owning service answers them with the policy checks its write endpoints enforce.
 */
function permissionsController(of: PermissionsOf): Type<unknown> {
  const PermissionsController = of.subjects.collection ? withCollection(of, of.subjects.collection) : objectOnly(of);
  Object.defineProperty(PermissionsController, 'name', { value: of.className });
  return PermissionsController;
}

function withCollection(of: PermissionsOf, subject: string): Type<unknown> {
  @ApiTags(of.resource)
  @Controller(`api/v2/${of.resource}`)
  class PermissionsController extends objectOnly(of) {
    @Get('permissions')
    @ApiOperation({
      summary: `Whether you may create ${of.what}s in an organisation (KITOS collection permissions)`,
      description: `Answers by the rule the create endpoint enforces${of.creators ? ` (${of.creators})` : ''}. An unknown organisation is 404.`,
    })
    @ApiOkResponse({ type: ResourceCollectionPermissionsResponse })
    @ApiProblems(400, 401, 404, 503, 504)
    collection(@Query() query: CollectionPermissionsQuery, @Req() request: FastifyRequest): Promise<ResourceCollectionPermissionsResponse> {
      return this.rpc.request<ResourceCollectionPermissionsResponse>(subject, callerOf(request), query);
    }
  }
  return PermissionsController;
}

function objectOnly(of: PermissionsOf): Type<{ readonly rpc: RpcClient }> {
  @ApiTags(of.resource)
  @Controller(`api/v2/${of.resource}`)
  class PermissionsController {
    constructor(readonly rpc: RpcClient) {}

    @Get(':uuid/permissions')
    @ApiOperation({
      summary: `What you may do with one ${of.what} (KITOS permissions)`,
      description: `Read, modify and delete as the other endpoints enforce them${of.detail}. One you may not read is ${of.unreadable}, as on GET.`,
    })
    @ApiOkResponse({ type: of.response })
    @ApiProblems(...(of.unreadable === 403 ? [400, 401, 403, 404, 503, 504] : [400, 401, 404, 503, 504]))
    one(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<object> {
      return this.rpc.request<object>(of.subjects.one, callerOf(request), { uuid });
    }
  }
  return PermissionsController;
}

export const PERMISSIONS_CONTROLLERS: Type<unknown>[] = [
  permissionsController({
    resource: 'it-systems',
    what: 'IT system',
    className: 'ItSystemPermissionsController',
    subjects: { one: Rpc.catalog.itSystems.permissions, collection: Rpc.catalog.itSystems.collectionPermissions },
    response: ItSystemPermissionsResponse,
    detail: ', whether you may change the scope (modifyVisibility) and what blocks deletion now (deletionConflicts)',
    unreadable: 404,
  }),
  permissionsController({
    resource: 'it-interfaces',
    what: 'IT interface',
    className: 'ItInterfacePermissionsController',
    subjects: { one: Rpc.catalog.interfaces.permissions, collection: Rpc.catalog.interfaces.collectionPermissions },
    response: ItInterfacePermissionsResponse,
    detail: ' and what blocks deletion now (deletionConflicts)',
    unreadable: 404,
  }),
  permissionsController({
    resource: 'it-system-usages',
    what: 'IT system usage',
    className: 'ItSystemUsagePermissionsController',
    subjects: { one: Rpc.catalog.usages.permissions, collection: Rpc.catalog.usages.collectionPermissions },
    response: ResourcePermissionsResponse,
    detail: ' (module administrators, and holders of a per-usage role with write access)',
    unreadable: 403,
  }),
  permissionsController({
    resource: 'it-contracts',
    what: 'IT contract',
    className: 'ItContractPermissionsController',
    subjects: { one: Rpc.contracts.itContracts.permissions, collection: Rpc.contracts.itContracts.collectionPermissions },
    creators: 'global, local and contract-module administrators of the organisation',
    response: ResourcePermissionsResponse,
    detail: ' (module administrators, and holders of a per-contract role with write access)',
    unreadable: 403,
  }),
  permissionsController({
    resource: 'data-processing-registrations',
    what: 'data processing registration',
    className: 'DataProcessingRegistrationPermissionsController',
    subjects: { one: Rpc.gdpr.dpr.permissions, collection: Rpc.gdpr.dpr.collectionPermissions },
    creators: 'global, local, system-module and contract-module administrators of the organisation',
    response: ResourcePermissionsResponse,
    detail: '',
    unreadable: 403,
  }),
  permissionsController({
    resource: 'it-system-usage-archives',
    what: "usage's archiving registration",
    className: 'ItSystemUsageArchivePermissionsController',
    subjects: { one: Rpc.archiving.usageArchive.permissions },
    response: ResourcePermissionsResponse,
    detail: ' (global, local and system-module administrators of the organisation change and delete it)',
    unreadable: 403,
  }),
];
