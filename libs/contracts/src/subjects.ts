/** The services of the system; each owns one database, one event stream and one RPC namespace. */
export const SERVICES = ['identity', 'catalog', 'contracts', 'projects', 'gdpr', 'archiving', 'reporting'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Request/reply subjects: `rpc.<service>.<action>`. Never overlapping `evt.>` (a stream would swallow requests). */
export const Rpc = {
  ping: (service: ServiceName) => `rpc.${service}.ping`,
  catalog: {
    createItSystem: 'rpc.catalog.it-system.create',
    getItSystem: 'rpc.catalog.it-system.get',
    listItSystems: 'rpc.catalog.it-system.list',
    patchItSystem: 'rpc.catalog.it-system.patch',
    deleteItSystem: 'rpc.catalog.it-system.delete',
    itSystems: {
      put: 'rpc.catalog.it-system.put',
      hierarchy: 'rpc.catalog.it-system.hierarchy',
      permissions: 'rpc.catalog.it-system.permissions',
      collectionPermissions: 'rpc.catalog.it-system.collection-permissions',
      patchLegalNames: 'rpc.catalog.it-system.legal-names.patch',
      addReference: 'rpc.catalog.it-system.reference.add',
      putReference: 'rpc.catalog.it-system.reference.put',
      deleteReference: 'rpc.catalog.it-system.reference.delete',
      rightsHolder: {
        list: 'rpc.catalog.rightsholder-it-system.list',
        get: 'rpc.catalog.rightsholder-it-system.get',
        create: 'rpc.catalog.rightsholder-it-system.create',
        put: 'rpc.catalog.rightsholder-it-system.put',
        patch: 'rpc.catalog.rightsholder-it-system.patch',
        deactivate: 'rpc.catalog.rightsholder-it-system.deactivate',
        organizations: 'rpc.catalog.rightsholder-organization.list',
      },
    },
    deltaFeed: { deletedEntities: 'rpc.catalog.delta-feed.deleted-entities' },
    kle: {
      list: 'rpc.catalog.kle.list',
      get: 'rpc.catalog.kle.get',
      tree: 'rpc.catalog.kle.tree',
      previewImport: 'rpc.catalog.kle.import-preview',
      getImport: 'rpc.catalog.kle.import-get',
      applyImport: 'rpc.catalog.kle.import-apply',
    },
    options: {
      list: 'rpc.catalog.option.list',
      get: 'rpc.catalog.option.get',
      names: 'rpc.catalog.option.names',
      requireAvailable: 'rpc.catalog.option.require-available',
      listGlobal: 'rpc.catalog.option.list-global',
      getGlobal: 'rpc.catalog.option.get-global',
      createGlobal: 'rpc.catalog.option.create-global',
      patchGlobal: 'rpc.catalog.option.patch-global',
      listLocal: 'rpc.catalog.option.list-local',
      getLocal: 'rpc.catalog.option.get-local',
      patchLocal: 'rpc.catalog.option.patch-local',
    },
    relations: {
      create: 'rpc.catalog.system-relation.create',
      get: 'rpc.catalog.system-relation.get',
      listOutgoing: 'rpc.catalog.system-relation.list-outgoing',
      listIncoming: 'rpc.catalog.system-relation.list-incoming',
      put: 'rpc.catalog.system-relation.put',
      patch: 'rpc.catalog.system-relation.patch',
      delete: 'rpc.catalog.system-relation.delete',
      graph: 'rpc.catalog.system-relation.graph',
    },
    usages: {
      create: 'rpc.catalog.it-system-usage.create',
      get: 'rpc.catalog.it-system-usage.get',
      list: 'rpc.catalog.it-system-usage.list',
      put: 'rpc.catalog.it-system-usage.put',
      patch: 'rpc.catalog.it-system-usage.patch',
      delete: 'rpc.catalog.it-system-usage.delete',
      addRole: 'rpc.catalog.it-system-usage.add-role',
      removeRole: 'rpc.catalog.it-system-usage.remove-role',
      handoverRoles: 'rpc.catalog.it-system-usage.role-handover',
      permissions: 'rpc.catalog.it-system-usage.permissions',
      collectionPermissions: 'rpc.catalog.it-system-usage.collection-permissions',
      addReference: 'rpc.catalog.it-system-usage.reference.add',
      putReference: 'rpc.catalog.it-system-usage.reference.put',
      deleteReference: 'rpc.catalog.it-system-usage.reference.delete',
    },
    interfaces: {
      create: 'rpc.catalog.it-interface.create',
      get: 'rpc.catalog.it-interface.get',
      list: 'rpc.catalog.it-interface.list',
      put: 'rpc.catalog.it-interface.put',
      patch: 'rpc.catalog.it-interface.patch',
      delete: 'rpc.catalog.it-interface.delete',
      addData: 'rpc.catalog.it-interface.data.add',
      putData: 'rpc.catalog.it-interface.data.put',
      deleteData: 'rpc.catalog.it-interface.data.delete',
      rightsHolder: {
        list: 'rpc.catalog.rightsholder-it-interface.list',
        get: 'rpc.catalog.rightsholder-it-interface.get',
        create: 'rpc.catalog.rightsholder-it-interface.create',
        put: 'rpc.catalog.rightsholder-it-interface.put',
        patch: 'rpc.catalog.rightsholder-it-interface.patch',
        deactivate: 'rpc.catalog.rightsholder-it-interface.deactivate',
      },
      permissions: 'rpc.catalog.it-interface.permissions',
      collectionPermissions: 'rpc.catalog.it-interface.collection-permissions',
    },
  },
  identity: {
    login: 'rpc.identity.auth.login',
    validateToken: 'rpc.identity.auth.validate',
    jwks: 'rpc.identity.auth.jwks',
    resolveCaller: 'rpc.identity.auth.resolve-caller',
    createOrganization: 'rpc.identity.organization.create',
    getOrganization: 'rpc.identity.organization.get',
    listOrganizations: 'rpc.identity.organization.list',
    deleteOrganization: 'rpc.identity.organization.delete',
    patchOrganization: 'rpc.identity.organization.patch',
    createUser: 'rpc.identity.user.create',
    getUser: 'rpc.identity.user.get',
    patchUser: 'rpc.identity.user.patch',
    deleteUser: 'rpc.identity.user.delete',
    listOrganizationUsers: 'rpc.identity.organization-user.list',
    getOrganizationUser: 'rpc.identity.organization-user.get',
    removeOrganizationUser: 'rpc.identity.organization-user.remove',
    addRole: 'rpc.identity.role.add',
    removeRole: 'rpc.identity.role.remove',
    copyRoles: 'rpc.identity.role.copy',
    transferRoles: 'rpc.identity.role.transfer',
    auditLog: 'rpc.identity.audit.list',
    listUnits: 'rpc.identity.unit.list',
    getUnit: 'rpc.identity.unit.get',
    createUnit: 'rpc.identity.unit.create',
    patchUnit: 'rpc.identity.unit.patch',
    deleteUnit: 'rpc.identity.unit.delete',
    importUnits: 'rpc.identity.unit.import',
    unitRoles: {
      list: 'rpc.identity.unit-role.list',
      add: 'rpc.identity.unit-role.add',
      remove: 'rpc.identity.unit-role.remove',
      ofUser: 'rpc.identity.unit-role.of-user',
    },
    listRoleTypes: 'rpc.identity.role-type.list',
    createRoleType: 'rpc.identity.role-type.create',
    patchRoleType: 'rpc.identity.role-type.patch',
    listLocalRoleTypes: 'rpc.identity.role-type.list-local',
    patchLocalRoleType: 'rpc.identity.role-type.patch-local',
    listRoleOptions: 'rpc.identity.role-type.list-options',
    getRoleOption: 'rpc.identity.role-type.get-option',
    saml: {
      providers: 'rpc.identity.saml.providers',
      metadata: 'rpc.identity.saml.metadata',
      login: 'rpc.identity.saml.login',
      acs: 'rpc.identity.saml.acs',
    },
  },
  gdpr: {
    dpr: {
      create: 'rpc.gdpr.data-processing-registration.create',
      get: 'rpc.gdpr.data-processing-registration.get',
      list: 'rpc.gdpr.data-processing-registration.list',
      put: 'rpc.gdpr.data-processing-registration.put',
      patch: 'rpc.gdpr.data-processing-registration.patch',
      delete: 'rpc.gdpr.data-processing-registration.delete',
      handoverRoles: 'rpc.gdpr.data-processing-registration.role-handover',
      overdueOversights: 'rpc.gdpr.data-processing-registration.overdue-oversights',
      permissions: 'rpc.gdpr.data-processing-registration.permissions',
      collectionPermissions: 'rpc.gdpr.data-processing-registration.collection-permissions',
      addOversightDate: 'rpc.gdpr.data-processing-registration.oversight-date.add',
      patchOversightDate: 'rpc.gdpr.data-processing-registration.oversight-date.patch',
      deleteOversightDate: 'rpc.gdpr.data-processing-registration.oversight-date.delete',
    },
    compliance: {
      usageGdpr: {
        get: 'rpc.gdpr.usage-gdpr.get',
        put: 'rpc.gdpr.usage-gdpr.put',
        patch: 'rpc.gdpr.usage-gdpr.patch',
      },
      activities: {
        create: 'rpc.gdpr.processing-activity.create',
        get: 'rpc.gdpr.processing-activity.get',
        list: 'rpc.gdpr.processing-activity.list',
        put: 'rpc.gdpr.processing-activity.put',
        patch: 'rpc.gdpr.processing-activity.patch',
        delete: 'rpc.gdpr.processing-activity.delete',
      },
      article30: 'rpc.gdpr.article-30.page',
      gdprReport: 'rpc.gdpr.gdpr-report.page',
      dashboard: 'rpc.gdpr.dashboard.get',
    },
  },
  reporting: {
    itSystemReport: 'rpc.reporting.it-systems.report',
    webhooks: {
      create: 'rpc.reporting.webhook.create',
      list: 'rpc.reporting.webhook.list',
      get: 'rpc.reporting.webhook.get',
      patch: 'rpc.reporting.webhook.patch',
      delete: 'rpc.reporting.webhook.delete',
      deadLetters: 'rpc.reporting.webhook.dead-letters',
      deliveries: 'rpc.reporting.webhook.deliveries',
      redeliver: 'rpc.reporting.webhook.redeliver',
      replay: 'rpc.reporting.webhook.replay',
    },
    history: {
      get: 'rpc.reporting.history.get',
    },
    orgReports: {
      columns: 'rpc.reporting.org-reports.columns',
      get: 'rpc.reporting.org-reports.get',
      exportOpen: 'rpc.reporting.org-reports.export-open',
      /** Prefix of an export's own page subject (`<prefix>.<session uuid>`), served by the replica holding the cursor. */
      exportPagePrefix: 'rpc.reporting.org-reports.export-page',
      views: {
        create: 'rpc.reporting.report-view.create',
        list: 'rpc.reporting.report-view.list',
        get: 'rpc.reporting.report-view.get',
        patch: 'rpc.reporting.report-view.patch',
        delete: 'rpc.reporting.report-view.delete',
      },
    },
    readModels: {
      rebuild: 'rpc.reporting.read-models.rebuild',
      status: 'rpc.reporting.read-models.status',
      run: 'rpc.reporting.read-models.run',
    },
    sharing: {
      get: 'rpc.reporting.sharing-settings.get',
      put: 'rpc.reporting.sharing-settings.put',
    },
    deltaFeed: {
      deletedEntities: 'rpc.reporting.delta-feed.deleted-entities',
    },
    benchmarks: {
      itSystems: 'rpc.reporting.benchmarks.it-systems',
      suppliers: 'rpc.reporting.benchmarks.suppliers',
      contractEndDates: 'rpc.reporting.benchmarks.contract-end-dates',
      costs: 'rpc.reporting.benchmarks.costs',
      gdpr: 'rpc.reporting.benchmarks.gdpr',
      gdprNational: 'rpc.reporting.benchmarks.gdpr-national',
      archiveDuty: 'rpc.reporting.benchmarks.archive-duty',
      jointProcurement: 'rpc.reporting.benchmarks.joint-procurement',
    },
    dataQuality: {
      rulePack: 'rpc.reporting.data-quality.rule-pack.get',
      rulePackVersion: 'rpc.reporting.data-quality.rule-pack.version',
      putRulePack: 'rpc.reporting.data-quality.rule-pack.put',
      organization: 'rpc.reporting.data-quality.organization',
      findings: 'rpc.reporting.data-quality.findings',
      history: 'rpc.reporting.data-quality.history',
      snapshot: 'rpc.reporting.data-quality.snapshot',
    },
  },
  projects: {
    itProjects: {
      handoverRoles: 'rpc.projects.it-project.role-handover',
      create: 'rpc.projects.it-project.create',
      get: 'rpc.projects.it-project.get',
      list: 'rpc.projects.it-project.list',
      put: 'rpc.projects.it-project.put',
      patch: 'rpc.projects.it-project.patch',
      delete: 'rpc.projects.it-project.delete',
      parts: {
        create: 'rpc.projects.it-project-part.create',
        list: 'rpc.projects.it-project-part.list',
        get: 'rpc.projects.it-project-part.get',
        put: 'rpc.projects.it-project-part.put',
        patch: 'rpc.projects.it-project-part.patch',
        delete: 'rpc.projects.it-project-part.delete',
      },
      benefitsAttention: 'rpc.projects.it-project.benefits-attention',
      phaseNames: { get: 'rpc.projects.phase-names.get', write: 'rpc.projects.phase-names.write' },
    },
  },
  contracts: {
    itContracts: {
      handoverRoles: 'rpc.contracts.it-contract.role-handover',
      create: 'rpc.contracts.it-contract.create',
      get: 'rpc.contracts.it-contract.get',
      list: 'rpc.contracts.it-contract.list',
      put: 'rpc.contracts.it-contract.put',
      patch: 'rpc.contracts.it-contract.patch',
      delete: 'rpc.contracts.it-contract.delete',
      deleteWithChildren: 'rpc.contracts.it-contract.delete-with-children',
      transfer: 'rpc.contracts.it-contract.transfer',
      organizationEconomy: 'rpc.contracts.it-contract.organization-economy',
      permissions: 'rpc.contracts.it-contract.permissions',
      collectionPermissions: 'rpc.contracts.it-contract.collection-permissions',
      addExternalReference: 'rpc.contracts.it-contract.external-reference.add',
      replaceExternalReference: 'rpc.contracts.it-contract.external-reference.replace',
      deleteExternalReference: 'rpc.contracts.it-contract.external-reference.delete',
    },
    reminders: {
      create: 'rpc.contracts.reminder.create',
      get: 'rpc.contracts.reminder.get',
      list: 'rpc.contracts.reminder.list',
      patch: 'rpc.contracts.reminder.patch',
      deactivate: 'rpc.contracts.reminder.deactivate',
      delete: 'rpc.contracts.reminder.delete',
      deliveries: 'rpc.contracts.reminder.deliveries',
      getSettings: 'rpc.contracts.reminder-settings.get',
      putSettings: 'rpc.contracts.reminder-settings.put',
      listAlerts: 'rpc.contracts.alert.list',
      dismissAlert: 'rpc.contracts.alert.dismiss',
    },
  },
  archiving: {
    usageArchive: {
      get: 'rpc.archiving.usage-archive.get',
      put: 'rpc.archiving.usage-archive.put',
      patch: 'rpc.archiving.usage-archive.patch',
      delete: 'rpc.archiving.usage-archive.delete',
      permissions: 'rpc.archiving.usage-archive.permissions',
      journalPeriods: {
        create: 'rpc.archiving.journal-period.create',
        list: 'rpc.archiving.journal-period.list',
        get: 'rpc.archiving.journal-period.get',
        put: 'rpc.archiving.journal-period.put',
        delete: 'rpc.archiving.journal-period.delete',
      },
      overdueDeliveries: 'rpc.archiving.overdue-deliveries.list',
      overview: 'rpc.archiving.overview.get',
    },
  },
} as const;

/** JetStream stream of a producing service: `CATALOG` holds `evt.catalog.>`. */
export function streamOf(service: ServiceName): { name: string; subjects: string[] } {
  return { name: service.toUpperCase(), subjects: [`evt.${service}.>`] };
}

/** Subject of an event: `evt.<service>.<aggregate>.<event>.v<N>`; `type` is `<service>.<aggregate>.<event>`. */
export function eventSubject(type: string, version: number): string {
  return `evt.${type}.v${version}`;
}

/** Dead letters of one consumer: `dlq.<consumer service>.<stream>`, kept in the DLQ stream. */
export const DEAD_LETTER_STREAM = { name: 'DLQ', subjects: ['dlq.>'] };
export function deadLetterSubject(consumer: string, stream: string): string {
  return `dlq.${consumer}.${stream.toLowerCase()}`;
}

/**
 * Core NATS notice (no stream) that callers' rights may have changed: `{ userUuid }` for one user, `{}` for every user
 * (an organisation changed). Identity publishes it, and waits until the server has it, before it answers the change;
 * gateways evict their cached callers (docs/identity.md, "Caller cache").
 */
export const CALLER_CHANGED_SUBJECT = 'notify.identity.caller-changed';

/** The body of a `CALLER_CHANGED_SUBJECT` notice. */
export interface CallerChangedNotice {
  readonly userUuid?: string;
}

/** NATS header carrying the correlation id through every hop. */
export const CORRELATION_HEADER = 'x-correlation-id';
