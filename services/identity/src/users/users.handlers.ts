import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateUserRequest, Rpc, validateInto, type UserResponse } from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { UsersService } from './users.service';

@Controller()
export class UsersHandlers {
  constructor(private readonly service: UsersService) {}

  @MessagePattern(Rpc.identity.createUser)
  create(@Payload() request: RpcRequest): Promise<UserResponse> {
    return this.service.create(callerOf(request), validateInto(CreateUserRequest, request.data));
  }

  @MessagePattern(Rpc.identity.getUser)
  get(@Payload() request: RpcRequest): Promise<UserResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }
}
