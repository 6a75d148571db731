import { isEmail } from 'class-validator';
import { SCIM_SCHEMAS } from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import type { User } from '../users/user';
import type { ScimGroup, ScimUserLink } from './scim-directory.repository';
import { invalidValue } from './scim-errors';

type Json = Record<string, unknown>;

/** What a SCIM User body sets (RFC 7643 §4.1), as identity stores it. */
export interface ScimUserInput {
  readonly userName: string;
  readonly externalId: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly displayName: string;
  readonly email: string;
  readonly phoneNumber: string | null;
  readonly active: boolean;
  readonly password?: string;
}

export interface ScimGroupInput {
  readonly displayName: string;
  readonly externalId: string | null;
  readonly members: string[];
}

/** The SCIM User of a provisioned user (without meta.location, which the gateway adds). */
export function toScimUser(link: ScimUserLink, user: Stored<User>, groups: readonly ScimGroup[]): Json {
  return {
    schemas: [SCIM_SCHEMAS.user],
    id: user.uuid,
    ...(link.externalId !== null ? { externalId: link.externalId } : {}),
    userName: link.userName,
    name: { givenName: user.firstName, familyName: user.lastName, formatted: `${user.firstName} ${user.lastName}` },
    displayName: link.displayName,
    emails: [{ value: user.email, type: 'work', primary: true }],
    ...(user.phoneNumber ? { phoneNumbers: [{ value: user.phoneNumber, type: 'work' }] } : {}),
    active: link.active,
    groups: groups.map((g) => ({ value: g.uuid, display: g.displayName, type: 'direct' })),
    meta: { resourceType: 'User', created: link.createdAt.toISOString(), lastModified: latest(link.lastModified, user.lastModified) },
  };
}

export function toScimGroup(group: ScimGroup): Json {
  return {
    schemas: [SCIM_SCHEMAS.group],
    id: group.uuid,
    ...(group.externalId !== null ? { externalId: group.externalId } : {}),
    displayName: group.displayName,
    members: group.members.map((value) => ({ value, type: 'User' })),
    meta: { resourceType: 'Group', created: group.createdAt.toISOString(), lastModified: group.lastModified.toISOString() },
  };
}

/** Reads a SCIM User body; attributes identity does not keep (addresses, enterprise extension, …) are ignored. */
export function parseUserInput(body: unknown): ScimUserInput {
  const value = object(body, '');
  const userName = text(value.userName, 'userName', 200);
  if (!userName) throw invalidValue('userName is required', 'userName');
  const name = value.name === undefined || value.name === null ? {} : object(value.name, 'name');
  const displayName = text(value.displayName, 'displayName', 200);
  const [displayFirst, ...displayRest] = (displayName ?? '').split(/\s+/).filter(Boolean);
  const firstName = text(name.givenName, 'name.givenName', 100) || displayFirst || userName.split('@')[0].slice(0, 100);
  const lastName = text(name.familyName, 'name.familyName', 100) || displayRest.join(' ').slice(0, 100) || '-';
  const email = chooseEmail(value.emails) ?? userName;
  if (!isEmail(email) || email.length > 200)
    throw invalidValue('An e-mail address is required: a work e-mail in emails, or a userName that is one', 'emails');
  const phones = value.phoneNumbers === undefined || value.phoneNumbers === null ? [] : list(value.phoneNumbers, 'phoneNumbers');
  const phone = phones.map((p, i) => text(object(p, `phoneNumbers[${i}]`).value, `phoneNumbers[${i}].value`, 50)).find(Boolean);
  const password = value.password === undefined ? undefined : text(value.password, 'password', 200);
  if (password !== undefined && (!password || password.length < 12))
    throw invalidValue('password must be at least 12 characters', 'password');
  return {
    userName,
    externalId: text(value.externalId, 'externalId', 200) || null,
    firstName,
    lastName,
    displayName: displayName || `${firstName} ${lastName}`,
    email: email.trim(),
    phoneNumber: phone ?? null,
    active: bool(value.active, 'active') ?? true,
    ...(password ? { password } : {}),
  };
}

export function parseGroupInput(body: unknown): ScimGroupInput {
  const value = object(body, '');
  const displayName = text(value.displayName, 'displayName', 256);
  if (!displayName) throw invalidValue('displayName is required', 'displayName');
  const members = value.members === undefined || value.members === null ? [] : list(value.members, 'members');
  if (members.length > 10_000) throw invalidValue('A group holds at most 10 000 members', 'members');
  return {
    displayName,
    externalId: text(value.externalId, 'externalId', 200) || null,
    members: [...new Set(members.map((m, i) => text(object(m, `members[${i}]`).value, `members[${i}].value`, 100) ?? ''))].filter(Boolean),
  };
}

function chooseEmail(emails: unknown): string | undefined {
  if (emails === undefined || emails === null) return undefined;
  const items = list(emails, 'emails').map((e, i) => object(e, `emails[${i}]`));
  const chosen = items.find((e) => bool(e.primary, 'emails.primary')) ?? items.find((e) => e.type === 'work') ?? items[0];
  return chosen ? text(chosen.value, 'emails.value', 200) : undefined;
}

function object(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidValue(`${field || 'The body'} must be an object`, field);
  return value as Json;
}

function list(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw invalidValue(`${field} must be a list`, field);
  return value;
}

function text(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(`${field} must be a string`, field);
  const trimmed = value.trim();
  if (trimmed.length > max) throw invalidValue(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

/** Booleans; "True"/"False" as strings too, which Entra ID sends in PATCH operations. */
function bool(value: unknown, field: string): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalidValue(`${field} must be true or false`, field);
}

function latest(a: Date, b: Date): string {
  return (a > b ? a : b).toISOString();
}
