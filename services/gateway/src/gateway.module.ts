import { Module, type DynamicModule, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { SERVICE_CONFIG } from '@kitos/config';
import { NatsHealth, NatsModule } from '@kitos/messaging';
import { Metrics } from '@kitos/observability';
import { HealthController, HealthRegistry } from '@kitos/platform';
import { AuthController } from './auth/auth.controller';
import { AuthenticationGuard } from './auth/authentication.guard';
import { CallerCache } from './auth/caller-cache';
import { JwksCache } from './auth/jwks.cache';
import type { GatewayConfig } from './gateway.config';
import { ProblemFilter } from './http/problem.filter';
import { EnumAsIntegerInterceptor } from './http/enum-as-integer.interceptor';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { requestValidationPipe } from './http/validation';
import { ItSystemsController } from './it-systems/it-systems.controller';
import { RightsHolderItSystemsController } from './rightsholder/rightsholder-it-systems.controller';
import { RightsHolderItInterfacesController } from './rightsholder/rightsholder-it-interfaces.controller';
import { RightsHolderOrganizationsController } from './rightsholder/rightsholder-organizations.controller';
import { KleImportsController } from './kle/kle-imports.controller';
import { KitosImportJobs } from './kitos-import/kitos-import-jobs';
import { KitosImportsController } from './kitos-import/kitos-imports.controller';
import { KleOptionsController } from './kle/kle-options.controller';
import { ItSystemUsagesController } from './usages/it-system-usages.controller';
import { ItContractsController } from './contracts/it-contracts.controller';
import { ContractEconomyController } from './contracts/contract-economy.controller';
import { ItInterfacesController } from './interfaces/it-interfaces.controller';
import { DeltaFeedController } from './delta-feed/delta-feed.controller';
import { ReadModelsController } from './reporting/read-models.controller';
import { SharingSettingsController } from './reporting/sharing-settings.controller';
import { LocalOptionTypesController } from './options/local-option-types.controller';
import { OPTION_TYPE_READ_CONTROLLERS } from './options/option-type-read.controllers';
import { EXTERNAL_REFERENCE_CONTROLLERS } from './kitos/external-references.controllers';
import { PERMISSIONS_CONTROLLERS } from './kitos/permissions.controllers';
import { OptionTypesController } from './options/option-types.controller';
import { OrganizationUnitsController } from './organization-units/organization-units.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationUsersController } from './users/organization-users.controller';
import { UsersController } from './users/users.controller';
import { ReportsController } from './reports/reports.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { HistoryController } from './history/history.controller';
import { DataQualityController } from './reporting/data-quality.controller';
import { BenchmarksController } from './reporting/benchmarks.controller';
import { OrgReportsController } from './reporting/org-reports.controller';
import { ReportPageReader } from './reporting/export/report-pages';
import { RoleTypesController } from './role-types/role-types.controller';
import { LocalRoleTypesController } from './role-types/local-role-types.controller';
import { UnitRolesController } from './organization-units/unit-roles.controller';
import { ROLE_OPTION_TYPE_CONTROLLERS } from './role-types/role-option-types.controllers';
import { RpcClient } from './rpc/rpc-client';
import { SamlController, SamlProvidersController } from './saml/saml.controller';
import { ScimAdminController } from './scim/scim-admin.controller';
import { ScimController } from './scim/scim.controller';
import { GdprRecordsController } from './gdpr/gdpr-records.controller';
import { ProcessingActivitiesController } from './gdpr/processing-activities.controller';
import { UsageComposer } from './gdpr/usage-composer';
import { UsageGdprController } from './gdpr/usage-gdpr.controller';
import { SystemRelationGraphController } from './relations/system-relation-graph.controller';
import { ItProjectsController } from './projects/it-projects.controller';
import { PROJECT_PART_CONTROLLERS } from './projects/it-project-parts.controllers';
import { ProjectOrganizationController } from './projects/project-organization.controller';
import { SystemRelationsController } from './relations/system-relations.controller';
import { DataProcessingRegistrationsController } from './dpr/data-processing-registrations.controller';
import { OverdueOversightsController } from './dpr/overdue-oversights.controller';
import { UsageArchivesController } from './archiving/usage-archives.controller';
import { JournalPeriodsController } from './archiving/journal-periods.controller';
import { OrganizationArchivingController } from './archiving/organization-archiving.controller';
import { RemindersController } from './reminders/reminders.controller';
import { ReminderSettingsController } from './reminders/reminder-settings.controller';
import { AlertsController } from './reminders/alerts.controller';

/** The API gateway: all HTTP, no database; every request becomes a request on the bus. */
@Module({})
export class GatewayModule implements OnApplicationBootstrap {
  constructor(
    private readonly health: HealthRegistry,
    private readonly bus: NatsHealth,
  ) {}

  static register(config: GatewayConfig): DynamicModule {
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
        RightsHolderItSystemsController,
        RightsHolderItInterfacesController,
        RightsHolderOrganizationsController,
        KleOptionsController,
        KleImportsController,
        ItSystemUsagesController,
        ItContractsController,
        ContractEconomyController,
        ItInterfacesController,
        DeltaFeedController,
        ReadModelsController,
        SharingSettingsController,
        OptionTypesController,
        LocalOptionTypesController,
        ...OPTION_TYPE_READ_CONTROLLERS,
        ...ROLE_OPTION_TYPE_CONTROLLERS,
        ...EXTERNAL_REFERENCE_CONTROLLERS,
        ...PERMISSIONS_CONTROLLERS,
        ReportsController,
        WebhooksController,
        HistoryController,
        DataQualityController,
        BenchmarksController,
        OrgReportsController,
        RoleTypesController,
        LocalRoleTypesController,
        UnitRolesController,
        SamlController,
        ScimController,
        ScimAdminController,
        SamlProvidersController,
        UsageGdprController,
        ProcessingActivitiesController,
        GdprRecordsController,
        SystemRelationsController,
        SystemRelationGraphController,
        ItProjectsController,
        ...PROJECT_PART_CONTROLLERS,
        ProjectOrganizationController,
        DataProcessingRegistrationsController,
        OverdueOversightsController,
        UsageArchivesController,
        JournalPeriodsController,
        RemindersController,
        ReminderSettingsController,
        AlertsController,
        OrganizationArchivingController,
        KitosImportsController,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: Metrics, useValue: new Metrics('gateway') },
        HealthRegistry,
        RpcClient,
        CallerCache,
        UsageComposer,
        ReportPageReader,
        JwksCache,
        KitosImportJobs,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        IdempotencyStore,
        // first: the outermost, so that a replayed idempotent answer is written with integer enums when asked for too
        { provide: APP_INTERCEPTOR, useClass: EnumAsIntegerInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_PIPE, useFactory: requestValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }

  onApplicationBootstrap(): void {
    this.health.register('bus', () => this.bus.check());
  }
}
