import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Rpc, validateInto } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { SamlAcsRequest, SamlIdpRequest, SamlLoginRequest } from './saml.dto';
import { SamlService, type SamlAcsResult } from './saml.service';

@Controller()
export class SamlHandlers {
  constructor(private readonly service: SamlService) {}

  @MessagePattern(Rpc.identity.saml.providers)
  providers(@Payload() request: RpcRequest): { identityProviders: Array<{ id: string; displayName: string }> } {
    callerOf(request);
    return { identityProviders: this.service.providers() };
  }

  @MessagePattern(Rpc.identity.saml.metadata)
  metadata(@Payload() request: RpcRequest): { xml: string } {
    callerOf(request);
    return { xml: this.service.metadata(validateInto(SamlIdpRequest, request.data).idp) };
  }

  @MessagePattern(Rpc.identity.saml.login)
  login(@Payload() request: RpcRequest): Promise<{ location: string }> {
    callerOf(request);
    const { idp, returnTo } = validateInto(SamlLoginRequest, request.data);
    return this.service.start(idp, returnTo);
  }

  @MessagePattern(Rpc.identity.saml.acs)
  acs(@Payload() request: RpcRequest): Promise<SamlAcsResult> {
    const { idp, samlResponse } = validateInto(SamlAcsRequest, request.data);
    return this.service.acs(callerOf(request), idp, samlResponse);
  }
}
