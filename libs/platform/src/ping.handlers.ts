import { Controller, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { Rpc, type ServiceName } from '@kitos/contracts';

/** `rpc.<service>.ping`: lets the gateway and operators see that a service answers on the bus. */
export function pingHandlers(service: ServiceName): Type {
  @Controller()
  class PingHandlers {
    @MessagePattern(Rpc.ping(service))
    ping(): { service: ServiceName; status: 'ok' } {
      return { service, status: 'ok' };
    }
  }
  return PingHandlers;
}
