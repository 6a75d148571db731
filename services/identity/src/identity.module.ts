import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule, pingHandlers } from '@kitos/platform';
import { AuditHandlers } from './auth/audit.handlers';
import { AuditRepository } from './auth/audit.repository';
import { AuthHandlers } from './auth/auth.handlers';
import { AuthService } from './auth/auth.service';
import { CallerChanges } from './auth/caller-changes';
import { LoginThrottleRepository } from './auth/login-throttle.repository';
import { SigningKeysRepository } from './auth/signing-keys.repository';
import { TokensService } from './auth/tokens.service';
import type { IdentityConfig } from './identity.config';
import { OrganizationsHandlers } from './organizations/organizations.handlers';
import { OrganizationsRepository } from './organizations/organizations.repository';
import { OrganizationsService } from './organizations/organizations.service';
import { SAML_PROVIDERS } from './saml/saml.providers';
import { SamlHandlers } from './saml/saml.handlers';
import { SCIM_HANDLERS, SCIM_PROVIDERS } from './scim/scim.providers';
import { RoleTypesHandlers } from './role-types/role-types.handlers';
import { RoleTypesRepository } from './role-types/role-types.repository';
import { RoleTypesService } from './role-types/role-types.service';
import { RoleCatalogueSeeder } from './role-types/role-catalogue.seeder';
import { RoleHandover } from './users/role-handover';
import { UnitRolesHandlers } from './unit-roles/unit-roles.handlers';
import { UnitRolesService } from './unit-roles/unit-roles.service';
import { NatsRpcClient } from '@kitos/messaging';
import { UnitTreesRepository } from './units/unit-trees.repository';
import { UnitsHandlers } from './units/units.handlers';
import { UnitsService } from './units/units.service';
import { BootstrapAdmin } from './users/bootstrap-admin';
import { UsersHandlers } from './users/users.handlers';
import { UsersRepository } from './users/users.repository';
import { UsersService } from './users/users.service';

/** The identity service: organisations, users and their rights, local login, signed tokens (units and SAML follow). */
@Module({})
export class IdentityModule {
  static register(config: IdentityConfig): DynamicModule {
    config.bootstrapAdmin();
    return {
      module: IdentityModule,
      imports: [PlatformModule.forService(config)],
      controllers: [
        pingHandlers('identity'),
        AuthHandlers,
        AuditHandlers,
        OrganizationsHandlers,
        UsersHandlers,
        UnitsHandlers,
        RoleTypesHandlers,
        UnitRolesHandlers,
        SamlHandlers,
        ...SCIM_HANDLERS,
      ],
      providers: [
        CallerChanges,
        OrganizationsRepository,
        OrganizationsService,
        UsersRepository,
        UsersService,
        SigningKeysRepository,
        TokensService,
        AuditRepository,
        LoginThrottleRepository,
        AuthService,
        BootstrapAdmin,
        UnitTreesRepository,
        UnitsService,
        RoleTypesRepository,
        RoleTypesService,
        RoleCatalogueSeeder,
        NatsRpcClient,
        RoleHandover,
        UnitRolesService,
        ...SAML_PROVIDERS,
        ...SCIM_PROVIDERS,
      ],
    };
  }
}
