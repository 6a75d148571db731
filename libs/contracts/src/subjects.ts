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
    createUser: 'rpc.identity.user.create',
    getUser: 'rpc.identity.user.get',
    patchUser: 'rpc.identity.user.patch',
    deleteUser: 'rpc.identity.user.delete',
    listOrganizationUsers: 'rpc.identity.organization-user.list',
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
    listRoleTypes: 'rpc.identity.role-type.list',
    createRoleType: 'rpc.identity.role-type.create',
    patchRoleType: 'rpc.identity.role-type.patch',
    saml: {
      metadata: 'rpc.identity.saml.metadata',
      login: 'rpc.identity.saml.login',
      acs: 'rpc.identity.saml.acs',
    },
  },
  reporting: {
    itSystemReport: 'rpc.reporting.it-systems.report',
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

/** NATS header carrying the correlation id through every hop. */
export const CORRELATION_HEADER = 'x-correlation-id';
