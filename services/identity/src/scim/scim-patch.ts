import { ErrorCode } from '@kitos/common';
import { SCIM_SCHEMAS } from '@kitos/contracts';
import { invalidPath, invalidValue, scimError } from './scim-errors';
import { parseScimFilter, type ScimEquality } from './scim-filter';

export type ScimPatchOp = 'add' | 'replace' | 'remove';

export interface ScimPatchOperation {
  readonly op: ScimPatchOp;
  readonly path?: string;
  readonly value?: unknown;
}

type Json = Record<string, unknown>;

const MAX_OPERATIONS = 1000;
const CORE_PREFIX = /^urn:ietf:params:scim:schemas:core:2\.0:(user|group):/i;
/** Attribute names as the schemas spell them; SCIM attribute names are case-insensitive. */
const CANONICAL = new Map(
  [
    'id',
    'externalId',
    'userName',
    'name',
    'givenName',
    'familyName',
    'formatted',
    'middleName',
    'displayName',
    'nickName',
    'title',
    'emails',
    'phoneNumbers',
    'active',
    'password',
    'members',
    'groups',
    'value',
    'type',
    'primary',
    'display',
    'meta',
    'schemas',
    'preferredLanguage',
    'locale',
    'timezone',
    'userType',
    'addresses',
    'roles',
  ].map((name) => [name.toLowerCase(), name]),
);
const FILTER_ATTRIBUTES = ['value', 'type', 'display', 'primary'];

/** The operations of a PatchOp request body (RFC 7644 §3.5.2), refused with 400 when it is not one. */
export function parsePatchRequest(body: unknown): ScimPatchOperation[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidValue('The body must be a PatchOp object');
  const { schemas, Operations } = body as { schemas?: unknown; Operations?: unknown };
  if (!Array.isArray(schemas) || !schemas.includes(SCIM_SCHEMAS.patchOp))
    throw scimError(ErrorCode.BadInput, 'invalidSyntax', `schemas must contain ${SCIM_SCHEMAS.patchOp}`, 'schemas');
  if (!Array.isArray(Operations) || Operations.length === 0 || Operations.length > MAX_OPERATIONS)
    throw scimError(ErrorCode.BadInput, 'invalidSyntax', `Operations must be a list of 1 to ${MAX_OPERATIONS} operations`, 'Operations');
  return Operations.map((operation: unknown, index) => {
    if (typeof operation !== 'object' || operation === null)
      throw invalidValue(`Operation ${index} is not an object`, `Operations[${index}]`);
    const { op, path, value } = operation as { op?: unknown; path?: unknown; value?: unknown };
    const name = typeof op === 'string' ? op.toLowerCase() : '';
    if (name !== 'add' && name !== 'replace' && name !== 'remove')
      throw scimError(
        ErrorCode.BadInput,
        'invalidSyntax',
        `Operation ${index}: op must be add, replace or remove`,
        `Operations[${index}].op`,
      );
    if (path !== undefined && (typeof path !== 'string' || path.length > 500))
      throw invalidPath(`Operation ${index}: path must be a string of at most 500 characters`);
    return { op: name, ...(path ? { path } : {}), ...(value !== undefined ? { value } : {}) };
  });
}

/** Applies PatchOp operations to a SCIM resource and returns the changed copy (the input is not changed). */
export function applyPatch<T extends Json>(resource: T, operations: readonly ScimPatchOperation[]): T {
  const result = structuredClone(resource) as Json;
  for (const operation of operations) applyOne(result, operation);
  return result as T;
}

interface Path {
  readonly attribute: string;
  readonly filter?: ScimEquality[];
  readonly sub?: string;
}

function applyOne(resource: Json, { op, path, value }: ScimPatchOperation): void {
  if (!path) {
    if (op === 'remove') throw scimError(ErrorCode.BadInput, 'noTarget', 'A remove operation needs a path', 'path');
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw invalidValue(`An ${op} operation without a path needs an object value`, 'value');
    for (const [key, item] of Object.entries(value)) applyAt(resource, op, parsePath(key), item);
    return;
  }
  applyAt(resource, op, parsePath(path), value);
}

export function parsePath(path: string): Path {
  const text = path.trim().replace(CORE_PREFIX, '');
  if (/^urn:/i.test(text)) {
    // an extension schema (e.g. the enterprise user): the URN is the attribute, the rest its sub-attribute
    const colon = text.lastIndexOf(':');
    return { attribute: text.slice(0, colon), sub: text.slice(colon + 1) };
  }
  const match = /^([A-Za-z][\w$-]*)(?:\[([^\]]*)\])?(?:\.([A-Za-z][\w$-]*))?$/.exec(text);
  if (!match) throw invalidPath(`"${path}" is not a supported attribute path`);
  const [, attribute, filter, sub] = match;
  return {
    attribute: canonical(attribute),
    ...(filter !== undefined ? { filter: parseFilterInPath(filter, path) } : {}),
    ...(sub ? { sub: canonical(sub) } : {}),
  };
}

function parseFilterInPath(filter: string, path: string): ScimEquality[] {
  try {
    return parseScimFilter(filter, FILTER_ATTRIBUTES);
  } catch {
    throw invalidPath(`The filter in "${path}" is not supported: use [value eq "…"] or [type eq "…"]`);
  }
}

function canonical(name: string): string {
  return CANONICAL.get(name.toLowerCase()) ?? name;
}

function applyAt(resource: Json, op: ScimPatchOp, path: Path, value: unknown): void {
  if (path.attribute === 'id' || path.attribute === 'meta' || path.attribute === 'schemas') {
    if (path.attribute === 'id') throw scimError(ErrorCode.BadInput, 'mutability', 'id cannot be changed', 'id');
    return;
  }
  const current = resource[path.attribute];
  if (path.filter) return applyFiltered(resource, op, path, value);
  if (path.sub) {
    if (op === 'remove') {
      if (isObject(current)) delete current[path.sub];
      return;
    }
    resource[path.attribute] = { ...(isObject(current) ? current : {}), [path.sub]: value };
    return;
  }
  if (op === 'remove') {
    if (Array.isArray(current) && Array.isArray(value)) {
      resource[path.attribute] = current.filter((item) => !value.some((v) => sameItem(item, v)));
    } else delete resource[path.attribute];
    return;
  }
  if (Array.isArray(current) || Array.isArray(value)) {
    const items = Array.isArray(value) ? value : [value];
    resource[path.attribute] =
      op === 'add'
        ? [
            ...(Array.isArray(current) ? current : []),
            ...items.filter((v) => !(current as unknown[] | undefined)?.some((c) => sameItem(c, v))),
          ]
        : items;
    return;
  }
  // a complex single-valued attribute (name): the sub-attributes sent replace those held, the others stay
  resource[path.attribute] = isObject(current) && isObject(value) ? { ...current, ...value } : value;
}

function applyFiltered(resource: Json, op: ScimPatchOp, path: Path, value: unknown): void {
  const current = resource[path.attribute];
  const items: unknown[] = Array.isArray(current) ? current : [];
  const matches = (item: unknown) => isObject(item) && (path.filter ?? []).every((c) => equalsFilter(item[c.attribute], c.value));
  if (op === 'remove') {
    resource[path.attribute] = path.sub
      ? items.map((item) => (matches(item) ? omit(item as Json, path.sub as string) : item))
      : items.filter((item) => !matches(item));
    return;
  }
  const patch = path.sub ? { [path.sub]: value } : isObject(value) ? value : undefined;
  if (!patch) throw invalidValue(`${op} on a filtered path needs an object value or a sub-attribute`, 'value');
  if (items.some(matches)) {
    resource[path.attribute] = items.map((item) => (matches(item) ? { ...(item as Json), ...patch } : item));
  } else {
    // nothing matched: the element the filter describes is added (e.g. emails[type eq "work"].value on a user without one)
    const described = Object.fromEntries((path.filter ?? []).map((c) => [c.attribute, c.value]));
    resource[path.attribute] = [...items, { ...described, ...patch }];
  }
}

function equalsFilter(actual: unknown, expected: string | boolean | null): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') return actual.toLowerCase() === expected.toLowerCase();
  return (actual ?? null) === expected;
}

function sameItem(a: unknown, b: unknown): boolean {
  if (isObject(a) && isObject(b) && a.value !== undefined) return a.value === b.value;
  return JSON.stringify(a) === JSON.stringify(b);
}

function omit(item: Json, key: string): Json {
  const { [key]: _removed, ...rest } = item;
  return rest;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
