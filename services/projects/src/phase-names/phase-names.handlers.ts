import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  Rpc,
  ProjectPhaseNamesWrite,
  validateInto,
  validatePatch,
  type ProjectPhaseNamesResponse,
  type ProjectPhaseNamesRpc,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { PhaseNamesService } from './phase-names.service';

/** Request handlers of the organisations' phase names on the bus. */
@Controller()
export class PhaseNamesHandlers {
  constructor(private readonly service: PhaseNamesService) {}

  @MessagePattern(Rpc.projects.itProjects.phaseNames.get)
  get(@Payload() request: RpcRequest<ProjectPhaseNamesRpc>): Promise<ProjectPhaseNamesResponse> {
    return this.service.get(callerOf(request), organizationUuidOf(request.data));
  }

  @MessagePattern(Rpc.projects.itProjects.phaseNames.write)
  write(@Payload() request: RpcRequest<ProjectPhaseNamesRpc>): Promise<ProjectPhaseNamesResponse> {
    const mode = request.data?.mode === 'put' ? 'put' : 'patch';
    const names =
      mode === 'put'
        ? validateInto(ProjectPhaseNamesWrite, request.data?.names)
        : validatePatch(ProjectPhaseNamesWrite, request.data?.names);
    return this.service.write(callerOf(request), organizationUuidOf(request.data), names, mode, expectedVersionOf(request.data, 0));
  }
}
