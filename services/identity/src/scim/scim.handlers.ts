import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, ErrorCode, isUuid } from '@kitos/common';
import {
  CreateScimCredentialRequest,
  ScimGroupMappingsRequest,
  ScimRpc,
  validateInto,
  type ScimCredentialResponse,
  type ScimCredentialSecretResponse,
  type ScimGroupMapping,
} from '@kitos/contracts';
import { callerOf, expectedVersionOf, organizationUuidOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { ScimCredentialsService } from './scim-credentials.service';
import { ScimService, type ScimActor, type ScimListQuery } from './scim.service';

type AdminData = { organizationUuid?: unknown; uuid?: unknown; body?: unknown; expectedVersion?: unknown };
type ProtocolData = {
  credential?: unknown;
  organizationUuid?: unknown;
  resource?: unknown;
  operation?: unknown;
  id?: unknown;
  body?: unknown;
  query?: { filter?: unknown; startIndex?: unknown; count?: unknown };
};

@Controller()
export class ScimHandlers {
  constructor(
    private readonly credentials: ScimCredentialsService,
    private readonly scim: ScimService,
  ) {}

  @MessagePattern(ScimRpc.createCredential)
  createCredential(@Payload() request: RpcRequest<AdminData>): Promise<ScimCredentialSecretResponse> {
    return this.credentials.create(
      callerOf(request),
      organizationUuidOf(request.data),
      validateInto(CreateScimCredentialRequest, request.data?.body ?? {}),
    );
  }

  @MessagePattern(ScimRpc.listCredentials)
  listCredentials(@Payload() request: RpcRequest<AdminData>): Promise<ScimCredentialResponse[]> {
    return this.credentials.list(callerOf(request), organizationUuidOf(request.data));
  }

  @MessagePattern(ScimRpc.revokeCredential)
  async revokeCredential(@Payload() request: RpcRequest<AdminData>): Promise<{ revoked: true }> {
    await this.credentials.revoke(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data));
    return { revoked: true };
  }

  @MessagePattern(ScimRpc.getGroupMappings)
  mappings(@Payload() request: RpcRequest<AdminData>): Promise<{ mappings: ScimGroupMapping[]; version: number }> {
    return this.scim.mappings(callerOf(request), organizationUuidOf(request.data));
  }

  @MessagePattern(ScimRpc.putGroupMappings)
  setMappings(@Payload() request: RpcRequest<AdminData>): Promise<{ mappings: ScimGroupMapping[]; version: number }> {
    return this.scim.setMappings(
      callerOf(request),
      organizationUuidOf(request.data),
      validateInto(ScimGroupMappingsRequest, request.data?.body),
      expectedVersionOf(request.data, 0),
    );
  }

  /** Every SCIM protocol request: the credential is checked first, and scopes everything to its organisation. */
  @MessagePattern(ScimRpc.protocol)
  async protocol(@Payload() request: RpcRequest<ProtocolData>): Promise<Record<string, unknown> | { deleted: true }> {
    const caller = callerOf(request);
    const data = request.data ?? {};
    if (data.organizationUuid !== undefined && !isUuid(data.organizationUuid))
      throw DomainError.notFound('Organisation', String(data.organizationUuid));
    const scope = await this.credentials.authenticate(data.credential, data.organizationUuid);
    const actor: ScimActor = { ...scope, correlationId: caller.correlationId };
    const id = () => {
      if (!isUuid(data.id)) throw new DomainError(ErrorCode.NotFound, `Resource ${String(data.id).slice(0, 100)} not found`);
      return data.id;
    };
    const users = data.resource === 'Users';
    if (!users && data.resource !== 'Groups') throw DomainError.badInput('resource must be Users or Groups');
    switch (data.operation) {
      case 'create':
        return users ? this.scim.createUser(actor, data.body) : this.scim.createGroup(actor, data.body);
      case 'get':
        return users ? this.scim.getUser(actor, id()) : this.scim.getGroup(actor, id());
      case 'list':
        return users ? this.scim.listUsers(actor, listQuery(data.query)) : this.scim.listGroups(actor, listQuery(data.query));
      case 'replace':
        return users ? this.scim.replaceUser(actor, id(), data.body) : this.scim.replaceGroup(actor, id(), data.body);
      case 'patch':
        return users ? this.scim.patchUser(actor, id(), data.body) : this.scim.patchGroup(actor, id(), data.body);
      case 'delete':
        await (users ? this.scim.deleteUser(actor, id()) : this.scim.deleteGroup(actor, id()));
        return { deleted: true };
      default:
        throw DomainError.badInput('operation must be create, get, list, replace, patch or delete');
    }
  }
}

function listQuery(query: ProtocolData['query']): ScimListQuery {
  const number = (value: unknown, field: string) => {
    if (value === undefined) return undefined;
    if (!Number.isSafeInteger(value)) throw DomainError.badInput(`${field} must be an integer`, [{ field, message: 'must be an integer' }]);
    return value as number;
  };
  const filter = query?.filter;
  if (filter !== undefined && typeof filter !== 'string') throw DomainError.badInput('filter must be a string');
  return { filter, startIndex: number(query?.startIndex, 'startIndex'), count: number(query?.count, 'count') };
}
