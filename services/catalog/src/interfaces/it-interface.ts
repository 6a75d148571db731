import type { RegistrationScope } from '@kitos/contracts';

export interface ItInterfaceDataRow {
  uuid: string;
  description: string | null;
  dataTypeUuid: string | null;
}

/** The state of an IT interface in the shared catalogue (KITOS §2.4). */
export interface ItInterface extends Record<string, unknown> {
  organizationUuid: string;
  name: string;
  /** Normalised name, for search and ordering. */
  nameKey: string;
  interfaceId: string | null;
  /** Normalised interface id, for the `interfaceId` filter. */
  interfaceIdKey: string;
  /** Normalised name + interface id: unique per organisation (a unique index), freed by deletion. */
  uniqueKey: string;
  /** The interface's version text (`version` in the API; the document's `version` is its revision). */
  interfaceVersion: string | null;
  description: string | null;
  urlReference: string | null;
  note: string | null;
  itInterfaceTypeUuid: string | null;
  scope: RegistrationScope;
  deactivated: boolean;
  exposedBySystemUuid: string | null;
  data: ItInterfaceDataRow[];
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

/** Case and spacing do not tell two names apart: trimmed, inner whitespace collapsed, lower case. */
export function normalizedKey(text: string | null | undefined): string {
  return (text ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

/** The key that makes name + interface id unique per organisation; unambiguous whatever characters the parts hold. */
export function uniqueKeyOf(name: string, interfaceId: string | null): string {
  return JSON.stringify([normalizedKey(name), normalizedKey(interfaceId)]);
}

/** Blank optional text is no text. */
export function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}

/** The fields a client writes, in the order changes are reported. */
export const WRITABLE_FIELDS = [
  'name',
  'interfaceId',
  'interfaceVersion',
  'description',
  'urlReference',
  'note',
  'itInterfaceTypeUuid',
  'scope',
  'deactivated',
  'exposedBySystemUuid',
  'data',
] as const;
export type WritableField = (typeof WRITABLE_FIELDS)[number];
export type WritableState = Pick<ItInterface, WritableField>;

/** The defaults a PUT resets absent fields to; interfaces are Local unless a global administrator shares them (KITOS). */
export const DEFAULTS: Omit<WritableState, 'name'> = {
  interfaceId: null,
  interfaceVersion: null,
  description: null,
  urlReference: null,
  note: null,
  itInterfaceTypeUuid: null,
  scope: 'Local',
  deactivated: false,
  exposedBySystemUuid: null,
  data: [],
};

/** The API name of a stored field, as reported in `changes`. */
export function apiFieldOf(field: WritableField): string {
  return field === 'interfaceVersion' ? 'version' : field;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
