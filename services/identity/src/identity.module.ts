import { Module, type DynamicModule } from '@nestjs/common';
import type { ServiceConfig } from '@kitos/config';
import { PlatformModule, pingHandlers } from '@kitos/platform';

/** The identity service: organisations, units, users, roles, tokens and SAML single sign-on. It boots, owns its database and answers on the bus; its domain comes with its own issue. */
@Module({})
export class IdentityModule {
  static register(config: ServiceConfig): DynamicModule {
    return { module: IdentityModule, imports: [PlatformModule.forService(config)], controllers: [pingHandlers('identity')] };
  }
}
