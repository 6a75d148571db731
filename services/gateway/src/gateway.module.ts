import { Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { NatsHealth, NatsModule } from '@kitos/messaging';
import { Metrics } from '@kitos/observability';
import { HealthController, HealthRegistry } from '@kitos/platform';
import { AuthController } from './auth/auth.controller';
import { AuthenticationGuard } from './auth/authentication.guard';
import { JwksCache } from './auth/jwks.cache';
import { ProblemFilter } from './http/problem.filter';
import { requestValidationPipe } from './http/validation';
import { ItSystemsController } from './it-systems/it-systems.controller';
import { OrganizationUnitsController } from './organization-units/organization-units.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationUsersController } from './users/organization-users.controller';
import { UsersController } from './users/users.controller';
import { ReportsController } from './reports/reports.controller';
import { RoleTypesController } from './role-types/role-types.controller';
import { RpcClient } from './rpc/rpc-client';
import { SamlController } from './saml/saml.controller';

/** The API gateway: all HTTP, no database; every request becomes a request on the bus. */
@Module({})
export class GatewayModule implements OnApplicationBootstrap {
  constructor(
    private readonly health: HealthRegistry,
    private readonly bus: NatsHealth,
  ) {}

  static register(config: ServiceConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [NatsModule.forRoot({ url: config.natsUrl, name: 'gateway' })],
      controllers: [
        HealthController,
        AuthController,
        OrganizationsController,
        OrganizationUnitsController,
        OrganizationUsersController,
        UsersController,
        ItSystemsController,
        ReportsController,
        RoleTypesController,
        SamlController,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: Metrics, useValue: new Metrics('gateway') },
        HealthRegistry,
        RpcClient,
        JwksCache,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_PIPE, useFactory: requestValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }

  onApplicationBootstrap(): void {
    this.health.register('bus', () => this.bus.check());
  }
}
