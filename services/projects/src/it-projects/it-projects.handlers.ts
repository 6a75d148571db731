import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, isUuid } from '@kitos/common';
import {
  CreateItProjectRequest,
  ListItProjectsQuery,
  PROJECT_PART_KINDS,
  ReplaceItProjectRequest,
  RoleHandoverCommand,
  Rpc,
  UpdateItProjectRequest,
  validateInto,
  validatePatch,
  type BenefitAttentionResponse,
  type BenefitAttentionRpc,
  type DeleteItProjectRpc,
  type HandedOverObject,
  type ItProjectResponse,
  type ItProjectRpc,
  type Page,
  type ProjectPartKind,
  type ProjectPartRpc,
  type UpdateItProjectRpc,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { ItProjectsService } from './it-projects.service';
import { ProjectPartsService, type PartResult, type PartsResult } from './project-parts.service';

function kindOf(data: unknown): ProjectPartKind {
  const kind = (data as { kind?: unknown } | null)?.kind;
  if (!(PROJECT_PART_KINDS as readonly unknown[]).includes(kind))
    throw DomainError.badInput(`kind must be one of ${PROJECT_PART_KINDS.join(', ')}`, [
      { field: 'kind', message: 'unknown kind of part' },
    ]);
  return kind as ProjectPartKind;
}

/** A part's identifier: a uuid, or the year of an economy row. */
function partIdOf(data: unknown, kind: ProjectPartKind): string {
  const partId = (data as { partId?: unknown } | null)?.partId;
  const valid = kind === 'economy-years' ? typeof partId === 'string' && /^\d{4}$/.test(partId) : isUuid(partId);
  if (!valid)
    throw DomainError.badInput(kind === 'economy-years' ? 'The year must have four digits' : 'The part id must be a UUID', [
      { field: kind === 'economy-years' ? 'year' : 'partUuid', message: 'invalid identifier' },
    ]);
  return (partId as string).toLowerCase();
}

/** Request handlers of the IT projects and their parts on the bus; every payload is validated again here. */
@Controller()
export class ItProjectsHandlers {
  constructor(
    private readonly projects: ItProjectsService,
    private readonly parts: ProjectPartsService,
  ) {}

  @MessagePattern(Rpc.projects.itProjects.handoverRoles)
  handOverRoles(@Payload() request: RpcRequest): Promise<HandedOverObject[]> {
    return this.projects.handOverRoles(callerOf(request), validateInto(RoleHandoverCommand, request.data));
  }

  @MessagePattern(Rpc.projects.itProjects.create)
  create(@Payload() request: RpcRequest): Promise<ItProjectResponse> {
    return this.projects.create(callerOf(request), validateInto(CreateItProjectRequest, request.data));
  }

  @MessagePattern(Rpc.projects.itProjects.get)
  get(@Payload() request: RpcRequest<ItProjectRpc>): Promise<ItProjectResponse> {
    return this.projects.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.projects.itProjects.list)
  list(@Payload() request: RpcRequest): Promise<Page<ItProjectResponse>> {
    return this.projects.list(callerOf(request), validateInto(ListItProjectsQuery, request.data));
  }

  @MessagePattern(Rpc.projects.itProjects.put)
  put(@Payload() request: RpcRequest<UpdateItProjectRpc>): Promise<ItProjectResponse> {
    const changes = validateInto(ReplaceItProjectRequest, request.data?.changes);
    return this.projects.update(callerOf(request), uuidOf(request.data), changes, 'put', expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.projects.itProjects.patch)
  patch(@Payload() request: RpcRequest<UpdateItProjectRpc>): Promise<ItProjectResponse> {
    const changes = validatePatch(UpdateItProjectRequest, request.data?.changes);
    if (changes.name === null)
      throw DomainError.badInput('The name cannot be removed', [{ field: 'name', message: 'name must not be null' }]);
    return this.projects.update(callerOf(request), uuidOf(request.data), changes, 'patch', expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.projects.itProjects.delete)
  async delete(@Payload() request: RpcRequest<DeleteItProjectRpc>): Promise<{ deleted: true }> {
    await this.projects.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data, 0));
    return { deleted: true };
  }

  @MessagePattern(Rpc.projects.itProjects.benefitsAttention)
  benefitsAttention(@Payload() request: RpcRequest<BenefitAttentionRpc>): Promise<BenefitAttentionResponse[]> {
    return this.projects.benefitsAttention(callerOf(request), organizationUuidOf(request.data));
  }

  @MessagePattern(Rpc.projects.itProjects.parts.list)
  listParts(@Payload() request: RpcRequest<ProjectPartRpc>): Promise<PartsResult> {
    return this.parts.list(callerOf(request), uuidOf(request.data), kindOf(request.data));
  }

  @MessagePattern(Rpc.projects.itProjects.parts.get)
  getPart(@Payload() request: RpcRequest<ProjectPartRpc>): Promise<PartResult> {
    const kind = kindOf(request.data);
    return this.parts.get(callerOf(request), uuidOf(request.data), kind, partIdOf(request.data, kind));
  }

  @MessagePattern(Rpc.projects.itProjects.parts.create)
  createPart(@Payload() request: RpcRequest<ProjectPartRpc>): Promise<PartResult> {
    const kind = kindOf(request.data);
    return this.parts.create(callerOf(request), uuidOf(request.data), kind, request.data?.body, expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.projects.itProjects.parts.put)
  putPart(@Payload() request: RpcRequest<ProjectPartRpc>): Promise<PartResult> {
    const kind = kindOf(request.data);
    const partId = partIdOf(request.data, kind);
    return this.parts.update(
      callerOf(request),
      uuidOf(request.data),
      kind,
      partId,
      request.data?.body,
      'put',
      expectedVersionOf(request.data, 0),
    );
  }

  @MessagePattern(Rpc.projects.itProjects.parts.patch)
  patchPart(@Payload() request: RpcRequest<ProjectPartRpc>): Promise<PartResult> {
    const kind = kindOf(request.data);
    const partId = partIdOf(request.data, kind);
    return this.parts.update(
      callerOf(request),
      uuidOf(request.data),
      kind,
      partId,
      request.data?.body,
      'patch',
      expectedVersionOf(request.data, 0),
    );
  }

  @MessagePattern(Rpc.projects.itProjects.parts.delete)
  async deletePart(@Payload() request: RpcRequest<ProjectPartRpc>): Promise<{ deleted: true; projectVersion: number }> {
    const kind = kindOf(request.data);
    const partId = partIdOf(request.data, kind);
    const projectVersion = await this.parts.delete(
      callerOf(request),
      uuidOf(request.data),
      kind,
      partId,
      expectedVersionOf(request.data, 0),
    );
    return { deleted: true, projectVersion };
  }
}
