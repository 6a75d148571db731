import type { Schemas } from '../../api/client';

export type AuditEntry = Schemas['AuditEntryResponse'];
export type AuditObjectType = 'session' | 'user' | 'group' | 'credential';

/** The actions the identity service records (AuditAction there), in the order the filter offers them. */
export const AUDIT_ACTIONS = [
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
] as const;

export const AUDIT_OBJECT_TYPES: readonly AuditObjectType[] = ['session', 'user', 'group', 'credential'];

/** What an entry concerns, read from its action (the log has no object type of its own). */
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
  /** yyyy-mm-dd, inclusive, UTC days */
  from: string;
  to: string;
}

export const NO_FILTER: AuditFilter = { actor: '', action: '', objectType: '', from: '', to: '' };

export function matches(entry: AuditEntry, filter: AuditFilter): boolean {
  const day = entry.at.slice(0, 10);
  return (
    (!filter.actor || entry.actorUserUuid === filter.actor) &&
    (!filter.action || entry.action === filter.action) &&
    (!filter.objectType || objectTypeOf(entry.action) === filter.objectType) &&
    (!filter.from || day >= filter.from) &&
    (!filter.to || day <= filter.to)
  );
}
