import { Body, Controller, Delete, Headers, HttpCode, Param, Post, Put, Req, Res, type Type } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ExternalReferenceDataWriteRequest,
  ExternalReferenceResponse,
  ItSystemExternalReferenceResponse,
  ItSystemExternalReferenceWriteRequest,
  Rpc,
  UsageExternalReferenceWriteRequest,
  validateInto,
  type ExternalReferenceResult,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

interface ReferenceOwner {
  /** The path segment and OpenAPI tag of the owning resource. */
  readonly resource: 'it-systems' | 'it-system-usages' | 'it-contracts';
  readonly what: string;
  readonly className: string;
  readonly subjects: { readonly add: string; readonly put: string; readonly delete: string };
  readonly body: Type<object>;
  readonly response: Type<object>;
}

const IF_MATCH = (what: string) => ifMatchHeader(`the ${what}`);

/**
 * KITOS `POST/PUT/DELETE /api/v2/<resource>/{uuid}/external-references[/{externalReferenceUuid}]`, one controller per
 * owning resource. A reference write is an update of its owner: the owner's new version is the ETag, If-Match names
 * the owner's version. The body is validated here against the owner's rules (the parameter's type is not known to the
 * global pipe in a generated class).
 */
function externalReferencesController(owner: ReferenceOwner): Type<unknown> {
  @ApiTags(owner.resource)
  @Controller(`api/v2/${owner.resource}`)
  class ExternalReferencesController {
    constructor(readonly rpc: RpcClient) {}

    @Post(':uuid/external-references')
    @ApiOperation({
      summary: `Add an external reference to the ${owner.what} (KITOS)`,
      description: `Title required; a master reference takes over from the previous master. Recorded as an update of the ${owner.what}.`,
    })
    @ApiHeader(IF_MATCH(owner.what))
    @ApiBody({ type: owner.body })
    @ApiCreatedResponse({ type: owner.response, description: `The reference as stored; the ETag header holds the ${owner.what}'s version` })
    @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
    add(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Body() body: unknown,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<object> {
      return this.write(owner.subjects.add, request, reply, {
        uuid,
        expectedVersion: expectedVersionOf(ifMatch),
        body: validateInto(owner.body, body),
      });
    }

    @Put(':uuid/external-references/:externalReferenceUuid')
    @ApiOperation({
      summary: `Replace an external reference of the ${owner.what} (KITOS)`,
      description: `Every field is replaced (absent optional ones are cleared). A reference the ${owner.what} does not have is 404.`,
    })
    @ApiHeader(IF_MATCH(owner.what))
    @ApiBody({ type: owner.body })
    @ApiOkResponse({ type: owner.response })
    @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
    put(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Param('externalReferenceUuid', UuidParamPipe) referenceUuid: string,
      @Body() body: unknown,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<object> {
      const data = { uuid, referenceUuid, expectedVersion: expectedVersionOf(ifMatch), body: validateInto(owner.body, body) };
      return this.write(owner.subjects.put, request, reply, data);
    }

    @Delete(':uuid/external-references/:externalReferenceUuid')
    @HttpCode(204)
    @ApiOperation({
      summary: `Remove an external reference of the ${owner.what} (KITOS)`,
      description: `A reference the ${owner.what} does not have is 404.`,
    })
    @ApiHeader(IF_MATCH(owner.what))
    @ApiNoContentResponse({ description: 'Removed' })
    @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
    async delete(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Param('externalReferenceUuid', UuidParamPipe) referenceUuid: string,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: FastifyRequest,
    ): Promise<void> {
      await this.rpc.request(owner.subjects.delete, callerOf(request), {
        uuid,
        referenceUuid,
        expectedVersion: expectedVersionOf(ifMatch),
      });
    }

    private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<object> {
      const result = await this.rpc.request<ExternalReferenceResult<object>>(subject, callerOf(request), data);
      void reply.header('etag', etagOf(result.version));
      return result.reference;
    }
  }
  Object.defineProperty(ExternalReferencesController, 'name', { value: owner.className });
  return ExternalReferencesController;
}

export const EXTERNAL_REFERENCE_CONTROLLERS: Type<unknown>[] = [
  externalReferencesController({
    resource: 'it-systems',
    what: 'IT system',
    className: 'ItSystemExternalReferencesController',
    subjects: {
      add: Rpc.catalog.itSystems.addReference,
      put: Rpc.catalog.itSystems.putReference,
      delete: Rpc.catalog.itSystems.deleteReference,
    },
    body: ItSystemExternalReferenceWriteRequest,
    response: ItSystemExternalReferenceResponse,
  }),
  externalReferencesController({
    resource: 'it-system-usages',
    what: 'usage',
    className: 'ItSystemUsageExternalReferencesController',
    subjects: { add: Rpc.catalog.usages.addReference, put: Rpc.catalog.usages.putReference, delete: Rpc.catalog.usages.deleteReference },
    body: UsageExternalReferenceWriteRequest,
    response: ExternalReferenceResponse,
  }),
  externalReferencesController({
    resource: 'it-contracts',
    what: 'IT contract',
    className: 'ItContractExternalReferencesController',
    subjects: {
      add: Rpc.contracts.itContracts.addExternalReference,
      put: Rpc.contracts.itContracts.replaceExternalReference,
      delete: Rpc.contracts.itContracts.deleteExternalReference,
    },
    body: ExternalReferenceDataWriteRequest,
    response: ExternalReferenceResponse,
  }),
];
