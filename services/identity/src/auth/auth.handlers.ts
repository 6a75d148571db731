import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, isUuid } from '@kitos/common';
import { LoginRequest, Rpc, validateInto } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import type { PublicJwk } from '@kitos/security';
import { UsersService } from '../users/users.service';
import { AuthService, type IssuedToken } from './auth.service';
import { TokensService } from './tokens.service';

@Controller()
export class AuthHandlers {
  constructor(
    private readonly auth: AuthService,
    private readonly tokens: TokensService,
    private readonly users: UsersService,
  ) {}

  @MessagePattern(Rpc.identity.login)
  login(@Payload() request: RpcRequest<{ purpose?: unknown; credentials?: unknown; clientAddress?: unknown }>): Promise<IssuedToken> {
    const purpose = request.data?.purpose;
    if (purpose !== 'api' && purpose !== 'session') throw DomainError.badInput('purpose must be api or session');
    const credentials = validateInto(LoginRequest, request.data?.credentials);
    const address = request.data?.clientAddress;
    const clientAddress = typeof address === 'string' && address.length > 0 && address.length <= 100 ? address : 'unknown';
    return this.auth.login(callerOf(request), credentials.email, credentials.password, purpose, clientAddress);
  }

  @MessagePattern(Rpc.identity.validateToken)
  validate(@Payload() request: RpcRequest<{ token?: unknown }>) {
    callerOf(request);
    const token = request.data?.token;
    if (typeof token !== 'string' || token.length > 4096)
      throw DomainError.badInput('token must be a string', [{ field: 'token', message: 'token must be a string' }]);
    return this.auth.validate(token);
  }

  @MessagePattern(Rpc.identity.jwks)
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    return { keys: await this.tokens.publicKeys() };
  }

  @MessagePattern(Rpc.identity.resolveCaller)
  resolve(@Payload() request: RpcRequest<{ userUuid?: unknown; tokenType?: unknown }>) {
    const caller = callerOf(request);
    const { userUuid, tokenType } = request.data ?? {};
    if (!isUuid(userUuid) || (tokenType !== 'api' && tokenType !== 'session'))
      throw DomainError.badInput('userUuid and tokenType are required');
    return this.users.resolveCaller(userUuid, tokenType, caller.correlationId);
  }
}
