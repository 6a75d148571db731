import type { Schemas } from '../../api/client';

export type AuditEntry = Schemas['AuditEntryResponse'];

type Query = NonNullable<
  import('@kitos/api-client').paths['/api/v2/organizations/{organizationUuid}/audit-log']['get']['parameters']['query']
>;
export type AuditAction = NonNullable<Query['action']>;
export type AuditObjectType = NonNullable<Query['objectType']>;

/** The actions the identity service records, in the order the filter offers them (the API's enum). */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'login.locked',
  'token.issued',
  'user.created',
  'rights.changed',
  'scim.credential.changed',
  'scim.user.changed',
  'scim.group.changed',
];

export const AUDIT_OBJECT_TYPES: readonly AuditObjectType[] = ['session', 'user', 'group', 'credential'];

/** What an entry concerns, read from its action (the server filters by the same rule). */
export function objectTypeOf(action: string): AuditObjectType {
  if (action.startsWith('login.') || action.startsWith('token.')) return 'session';
  if (action === 'scim.group.changed') return 'group';
  if (action === 'scim.credential.changed') return 'credential';
  return 'user';
}

export interface AuditFilter {
  actor: string;
  action: string;
  objectType: string;
  /** yyyy-mm-dd, inclusive (days in UTC) */
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilter = { actor: '', action: '', objectType: '', from: '', to: '' };

/** The filter as the API's query: the days become [from 00:00, the day after `to` 00:00) in UTC. */
export function auditQuery(filter: AuditFilter, page: number, limit: number): Query {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString();
  return {
    page,
    limit,
    actorUserUuid: filter.actor || undefined,
    action: (filter.action || undefined) as AuditAction | undefined,
    objectType: (filter.objectType || undefined) as AuditObjectType | undefined,
    since: filter.from ? `${filter.from}T00:00:00.000Z` : undefined,
    until: filter.to ? nextDay(filter.to) : undefined,
  };
}
