import { danishDayOfInput } from '@kitos/common';
import {
  IT_INTERFACE_DATA_DESCRIPTION_MAX,
  IT_INTERFACE_NAME_MAX,
  IT_SYSTEM_NAME_MAX,
  LIFE_CYCLE_STATUSES,
  ORGANIZATION_ROLES,
  ORGANIZATION_TYPES,
  REGISTRATION_SCOPES,
  USAGE_LOCAL_CALL_NAME_MAX,
  USAGE_LOCAL_SYSTEM_ID_MAX,
  USAGE_SYSTEM_VERSION_MAX,
  YES_NO_PARTIALLY,
  YES_NO_UNDECIDED,
  isValidCvr,
  type ItInterfaceResponse,
  type ItSystemResponse,
  type ItSystemUsageResponse,
  type OptionTypeKind,
  type OrganizationResponse,
  type OrganizationRoleName,
  type OrganizationType,
  type OrganizationUnitResponse,
  type OutgoingSystemRelationResponse,
  type UserResponse,
} from '@kitos/contracts';
import type {
  KitosExternalReference,
  KitosItInterface,
  KitosItSystem,
  KitosItSystemUsage,
  KitosOrganization,
  KitosOrganizationUnit,
  KitosPair,
  KitosSystemRelation,
  KitosUser,
} from './kitos.types';

/**
 * Pure mapping from KITOS API v2 objects to this system's write shapes, and from this system's responses to the same
 * shapes, so that the importer can compare field by field. A KITOS object that cannot be imported as it is comes back
 * with the reason; nothing is guessed.
 */
export type Mapped<T> =
  { readonly ok: true; readonly value: T; readonly notes: string[] } | { readonly ok: false; readonly reason: string };

/** What the mapping needs to know about this system: resolved references, all synchronous. */
export interface MappingContext {
  readonly organizationUuid: string;
  /** The uuid here of a KITOS unit (the KITOS root is this organisation's root), or null when it is not here. */
  unit(kitosUuid: string): string | null;
  /** The option here matching a KITOS option value (same uuid, else the same name), available in the organisation. */
  option(kind: OptionTypeKind, organizationUuid: string, value: KitosPair): string | null;
  organizationExists(uuid: string): boolean;
  /** Whether an IT system is here or will be imported in this run. */
  systemKnown(uuid: string): boolean;
  /** The per-object role type here matching a KITOS role (same uuid, else the same name), or null. */
  usageRole(value: KitosPair): string | null;
  /** Whether a user is here or will be imported in this run. */
  userKnown(uuid: string): boolean;
  /** Whether a system usage of this organisation is here or will be imported in this run. */
  usageKnown(uuid: string): boolean;
  /** Whether an interface is here or will be imported in this run. */
  interfaceKnown(uuid: string): boolean;
  /** The role type here for contracts or data processing registrations matching a KITOS role, or null. */
  role(objectType: 'ItContract' | 'DataProcessingRegistration', value: KitosPair): string | null;
  /** The KLE entry here for a KITOS one (same uuid, else the same KLE number, which KITOS sends as its name), or null. */
  kle(value: KitosPair): string | null;
  /** The KLE entries of an IT system here (none for a system created in this run). */
  systemKle(systemUuid: string): readonly string[];
  /** Whether a contract of this organisation is here (before this run, or created earlier in it). */
  contractKnown(uuid: string): boolean;
  /** Whether a data processing registration of this organisation is here or will be imported in this run. */
  dprKnown(uuid: string): boolean;
}

export interface OrganizationWrite {
  name: string;
  cvr: string | null;
  organizationType: OrganizationType;
}

export interface UnitWrite {
  name: string;
  parentUuid: string;
  ean: number | null;
  unitId: string | null;
}

export interface UserWrite {
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string | null;
  hasApiAccess: boolean;
  roles: OrganizationRoleName[];
}

export interface ReferenceWrite {
  title: string;
  documentId: string | null;
  url: string | null;
  masterReference: boolean;
}

export interface ItSystemWrite {
  organizationUuid: string;
  name: string;
  formerName: string | null;
  description: string | null;
  scope: 'Local' | 'Global';
  deactivated: boolean;
  parentUuid: string | null;
  businessTypeUuid: string | null;
  rightsHolderUuid: string | null;
  kleUuids: string[];
  externalReferences: ReferenceWrite[];
}

export interface ItInterfaceWrite {
  organizationUuid: string;
  name: string;
  interfaceId: string | null;
  version: string | null;
  description: string | null;
  urlReference: string | null;
  note: string | null;
  itInterfaceTypeUuid: string | null;
  scope: 'Local' | 'Global';
  deactivated: boolean;
  exposedBySystemUuid: string | null;
  /** The data description rows, compared as a set (their KITOS uuids are not kept). */
  data: InterfaceDataRow[];
}

export interface InterfaceDataRow {
  description: string | null;
  dataTypeUuid: string | null;
}

const rowKey = (r: InterfaceDataRow) => `${r.dataTypeUuid ?? ''}|${r.description ?? ''}`;
export const sortedRows = (rows: InterfaceDataRow[]): InterfaceDataRow[] => [...rows].sort((a, b) => rowKey(a).localeCompare(rowKey(b)));

export interface UsageGeneralWrite {
  localSystemId: string | null;
  localCallName: string | null;
  systemVersion: string | null;
  notes: string | null;
  dataClassificationUuid: string | null;
  numberOfExpectedUsers: { lowerBound: number; upperBound: number | null } | null;
  validity: { lifeCycleStatus: string | null; validFrom: string | null; validTo: string | null };
  containsAITechnology: string | null;
  webAccessibilityCompliance: string | null;
  lastWebAccessibilityCheck: string | null;
  webAccessibilityNotes: string | null;
  /** Set in a second step when the contract is imported after the usage (see the importer). */
  mainContractUuid: string | null;
}

export interface UsageWrite {
  organizationUuid: string;
  systemUuid: string;
  general: UsageGeneralWrite;
  organizationUsage: { usingOrganizationUnitUuids: string[]; responsibleOrganizationUnitUuid: string | null };
  localKleDeviations: { addedKLEUuids: string[]; removedKLEUuids: string[] };
  roles: Array<{ roleUuid: string; userUuid: string }>;
  externalReferences: ReferenceWrite[];
}

export const fail = (reason: string): Mapped<never> => ({ ok: false, reason });
export const ok = <T>(value: T, notes: string[] = []): Mapped<T> => ({ ok: true, value, notes });
export const text = (value: string | null | undefined): string | null =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();

/**
 * KITOS dates are date-times; here they are calendar days, the day the time falls on in Copenhagen
 * (`2023-12-31T23:00:00Z` is 1 January). Years outside 1900–2199 are refused (KITOS keeps 0001-01-01 and the like).
 */
export function kitosDay(value: string | null | undefined, field: string): { day: string | null } | { error: string } {
  if (!value) return { day: null };
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value))) return { error: `${field} "${value}" is not a date` };
  const year = Number(value.slice(0, 4));
  if (year < 1900 || year > 2199) return { error: `${field} ${value.slice(0, 10)} is out of range (1900–2199)` };
  return { day: danishDayOfInput(value) };
}

/** KITOS's accepted buckets of expected users (§2.5). */
const USER_BUCKETS = [
  [0, 9],
  [10, 50],
  [50, 100],
  [100, null],
] as const;

export function tooLong(value: string | null, max: number, field: string): string | null {
  return value !== null && value.length > max ? `${field} is longer than ${max} characters` : null;
}

export function references(list: KitosExternalReference[] | null | undefined): Mapped<ReferenceWrite[]> {
  const out: ReferenceWrite[] = [];
  for (const r of list ?? []) {
    const title = text(r.title);
    if (!title) return fail('an external reference has no title');
    out.push({ title, documentId: text(r.documentId), url: text(r.url), masterReference: r.masterReference === true });
  }
  return ok(out);
}

export function mapOrganization(k: KitosOrganization): Mapped<OrganizationWrite> {
  const name = text(k.name);
  if (!name) return fail('the organisation has no name');
  const organizationType = (k.organizationType ?? 'Municipality') as OrganizationType;
  if (!ORGANIZATION_TYPES.includes(organizationType)) return fail(`unknown organisation type "${k.organizationType}"`);
  const notes: string[] = [];
  let cvr = text(k.cvr);
  if (cvr && !isValidCvr(cvr)) {
    notes.push(`CVR "${cvr}" is not a valid Danish CVR number and was left out`);
    cvr = null;
  }
  return ok({ name, cvr, organizationType }, notes);
}

export function currentOrganization(o: OrganizationResponse): OrganizationWrite {
  return { name: o.name, cvr: o.cvr ?? null, organizationType: o.organizationType as OrganizationType };
}

export function mapUnit(k: KitosOrganizationUnit, context: MappingContext): Mapped<UnitWrite> {
  const name = text(k.name);
  if (!name) return fail('the unit has no name');
  const problem = tooLong(name, 100, 'name') ?? tooLong(text(k.unitId), 100, 'unitId');
  if (problem) return fail(problem);
  if (k.ean !== null && k.ean !== undefined && (!Number.isInteger(k.ean) || k.ean < 1 || k.ean > 9_999_999_999_999))
    return fail(`EAN ${k.ean} is not a location number of at most 13 digits`);
  const parent = k.parentOrganizationUnit?.uuid;
  const parentUuid = parent ? context.unit(parent) : null;
  if (!parentUuid) return fail(`its parent unit ${parent ?? '(none)'} is not imported`);
  return ok({ name, parentUuid, ean: k.ean ?? null, unitId: text(k.unitId) });
}

export function currentUnit(u: OrganizationUnitResponse): UnitWrite {
  return { name: u.name, parentUuid: u.parentOrganizationUnit?.uuid ?? '', ean: u.ean, unitId: u.unitId };
}

export function mapUser(k: KitosUser): Mapped<UserWrite> {
  const email = text(k.email);
  if (!email) return fail('the user has no e-mail address');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) return fail(`e-mail "${email}" is not an e-mail address`);
  const [first, ...rest] = (text(k.name) ?? '').split(' ');
  const firstName = text(k.firstName) ?? text(first);
  const lastName = text(k.lastName) ?? text(rest.join(' '));
  if (!firstName || !lastName) return fail('the user has no first or last name');
  const notes: string[] = [];
  const roles: OrganizationRoleName[] = [];
  for (const role of k.roles ?? []) {
    if ((ORGANIZATION_ROLES as readonly string[]).includes(role)) roles.push(role as OrganizationRoleName);
    else notes.push(`role "${role}" is not an organisation role here and was left out`);
  }
  if (!roles.length) roles.push('User');
  return ok(
    { firstName, lastName, email, phoneNumber: text(k.phoneNumber), hasApiAccess: k.apiAccess === true, roles: [...new Set(roles)].sort() },
    notes,
  );
}

export function currentUser(u: UserResponse, organizationUuid: string): UserWrite {
  const roles = u.rights.filter((r) => r.organizationUuid === organizationUuid).map((r) => r.role);
  return {
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    phoneNumber: u.phoneNumber,
    hasApiAccess: u.hasApiAccess,
    roles: [...roles].sort(),
  };
}

function scopeOf(value: string | null | undefined): 'Local' | 'Global' | null {
  const scope = value ?? 'Global';
  return (REGISTRATION_SCOPES as readonly string[]).includes(scope) ? (scope as 'Local' | 'Global') : null;
}

export function optionOf(
  context: MappingContext,
  kind: OptionTypeKind,
  organizationUuid: string,
  value: KitosPair | null | undefined,
): { uuid: string | null } | { error: string } {
  if (!value) return { uuid: null };
  const uuid = context.option(kind, organizationUuid, value);
  return uuid ? { uuid } : { error: `option value "${value.name ?? value.uuid}" (${kind}) is not available here` };
}

/** The organisation that owns a catalogue entry here: KITOS's owner when it is here, else the importing organisation. */
/**
 * A link to an object that may not be here: its uuid when `here` knows it, else null with a note that it was left out
 * (`<what> <name> is not imported and was left out`, or with `missing` instead of "is not imported").
 */
export function linkOrLeftOut(
  value: KitosPair | null | undefined,
  here: (uuid: string) => boolean,
  what: string,
  notes: string[],
  missing = 'is not imported',
): string | null {
  if (!value?.uuid) return null;
  if (here(value.uuid)) return value.uuid;
  notes.push(`${what} ${value.name ?? value.uuid} ${missing} and was left out`);
  return null;
}

function ownerOf(k: { organizationContext?: KitosPair | null }, context: MappingContext, notes: string[]): string {
  const owner = k.organizationContext?.uuid;
  if (owner && context.organizationExists(owner)) return owner;
  if (owner && owner !== context.organizationUuid)
    notes.push(`owned in KITOS by ${k.organizationContext?.name ?? owner}, which is not here: registered by the importing organisation`);
  return context.organizationUuid;
}

export function mapItSystem(k: KitosItSystem, context: MappingContext): Mapped<ItSystemWrite> {
  const notes: string[] = [];
  const name = text(k.name);
  if (!name) return fail('the system has no name');
  const problem = tooLong(name, IT_SYSTEM_NAME_MAX, 'name');
  if (problem) return fail(problem);
  const scope = scopeOf(k.scope);
  if (!scope) return fail(`unknown scope "${k.scope}"`);
  const organizationUuid = ownerOf(k, context, notes);
  const businessType = optionOf(context, 'business-types', organizationUuid, k.businessType);
  if ('error' in businessType) return fail(businessType.error);
  const refs = references(k.externalReferences);
  if (!refs.ok) return refs;
  const parentUuid = linkOrLeftOut(k.parentSystem, context.systemKnown, 'parent system', notes);
  const rightsHolderUuid = linkOrLeftOut(k.rightsHolder, context.organizationExists, 'rights holder', notes, 'is not an organisation here');
  const kle = new Set<string>();
  for (const entry of k.kle ?? []) {
    const here = context.kle(entry);
    if (here) kle.add(here);
    else notes.push(`KLE ${entry.name ?? entry.uuid} is not a KLE entry here; left out`);
  }
  return ok(
    {
      organizationUuid,
      name,
      formerName: text(k.formerName),
      description: text(k.description),
      scope,
      deactivated: k.deactivated === true,
      parentUuid,
      businessTypeUuid: businessType.uuid,
      rightsHolderUuid,
      kleUuids: [...kle].sort(),
      externalReferences: refs.value,
    },
    notes,
  );
}

export const pairUuid = (p: { uuid: string } | null | undefined): string | null => p?.uuid ?? null;

export function currentReferences(
  list: Array<{ title: string; documentId: string | null; url: string | null; masterReference: boolean }>,
): ReferenceWrite[] {
  return list.map((r) => ({ title: r.title, documentId: r.documentId, url: r.url, masterReference: r.masterReference }));
}

export function currentItSystem(s: ItSystemResponse): ItSystemWrite {
  return {
    organizationUuid: s.organizationContext.uuid,
    name: s.name,
    formerName: s.formerName,
    description: s.description,
    scope: s.scope,
    deactivated: s.deactivated,
    parentUuid: pairUuid(s.parentSystem),
    businessTypeUuid: pairUuid(s.businessType),
    rightsHolderUuid: pairUuid(s.rightsHolder),
    kleUuids: s.kle.map((k) => k.uuid).sort(),
    externalReferences: currentReferences(s.externalReferences),
  };
}

export function mapItInterface(k: KitosItInterface, context: MappingContext): Mapped<ItInterfaceWrite> {
  const notes: string[] = [];
  const name = text(k.name);
  if (!name) return fail('the interface has no name');
  const problem =
    tooLong(name, IT_INTERFACE_NAME_MAX, 'name') ??
    tooLong(text(k.interfaceId), 100, 'interfaceId') ??
    tooLong(text(k.version), 20, 'version');
  if (problem) return fail(problem);
  const scope = scopeOf(k.scope);
  if (!scope) return fail(`unknown scope "${k.scope}"`);
  const organizationUuid = ownerOf(k, context, notes);
  const type = optionOf(context, 'it-interface-interface-types', organizationUuid, k.itInterfaceType);
  if ('error' in type) return fail(type.error);
  const data: InterfaceDataRow[] = [];
  for (const [index, row] of (k.data ?? []).entries()) {
    const description = text(row.description);
    const long = tooLong(description, IT_INTERFACE_DATA_DESCRIPTION_MAX, `data[${index}].description`);
    if (long) return fail(long);
    const dataType = optionOf(context, 'it-interface-interface-data-types', organizationUuid, row.dataType);
    if ('error' in dataType) return fail(dataType.error);
    data.push({ description, dataTypeUuid: dataType.uuid });
  }
  const exposedBySystemUuid = linkOrLeftOut(k.exposedBySystem, context.systemKnown, 'exposing system', notes);
  return ok(
    {
      organizationUuid,
      name,
      interfaceId: text(k.interfaceId),
      version: text(k.version),
      description: text(k.description),
      urlReference: text(k.urlReference),
      note: text(k.notes),
      itInterfaceTypeUuid: type.uuid,
      scope,
      deactivated: k.deactivated === true,
      exposedBySystemUuid,
      data: sortedRows(data),
    },
    notes,
  );
}

export function currentItInterface(i: ItInterfaceResponse): ItInterfaceWrite {
  return {
    organizationUuid: i.organizationContext.uuid,
    name: i.name,
    interfaceId: i.interfaceId,
    version: i.version,
    description: i.description,
    urlReference: i.urlReference,
    note: i.notes,
    itInterfaceTypeUuid: pairUuid(i.itInterfaceType),
    scope: i.scope,
    deactivated: i.deactivated,
    exposedBySystemUuid: pairUuid(i.exposedBySystem),
    data: sortedRows(i.data.map((r) => ({ description: r.description, dataTypeUuid: pairUuid(r.dataType) }))),
  };
}

export function choice(
  value: string | null | undefined,
  allowed: readonly string[],
  field: string,
): { value: string | null } | { error: string } {
  if (value === null || value === undefined) return { value: null };
  return allowed.includes(value) ? { value } : { error: `${field} "${value}" is not one of ${allowed.join(', ')}` };
}

export function mapUsage(k: KitosItSystemUsage, context: MappingContext): Mapped<UsageWrite> {
  const g = k.general ?? {};
  if (!context.systemKnown(k.systemContext.uuid))
    return fail(`its IT system ${k.systemContext.name ?? k.systemContext.uuid} is not imported`);
  const localSystemId = text(g.localSystemId);
  const localCallName = text(g.localCallName);
  const systemVersion = text(g.systemVersion);
  const lengths =
    tooLong(localSystemId, USAGE_LOCAL_SYSTEM_ID_MAX, 'general.localSystemId') ??
    tooLong(localCallName, USAGE_LOCAL_CALL_NAME_MAX, 'general.localCallName') ??
    tooLong(systemVersion, USAGE_SYSTEM_VERSION_MAX, 'general.systemVersion');
  if (lengths) return fail(lengths);
  const from = kitosDay(g.validity?.validFrom, 'general.validity.validFrom');
  const to = kitosDay(g.validity?.validTo, 'general.validity.validTo');
  const check = kitosDay(g.lastWebAccessibilityCheck, 'general.lastWebAccessibilityCheck');
  for (const d of [from, to, check]) if ('error' in d) return fail(d.error);
  const validFrom = 'day' in from ? from.day : null;
  const validTo = 'day' in to ? to.day : null;
  if (validFrom && validTo && validTo < validFrom) return fail(`general.validity.validTo ${validTo} is before validFrom ${validFrom}`);
  const choices = [
    choice(g.validity?.lifeCycleStatus, LIFE_CYCLE_STATUSES, 'general.validity.lifeCycleStatus'),
    choice(g.containsAITechnology, YES_NO_UNDECIDED, 'general.containsAITechnology'),
    choice(g.webAccessibilityCompliance, YES_NO_PARTIALLY, 'general.webAccessibilityCompliance'),
  ];
  for (const c of choices) if ('error' in c) return fail(c.error);
  const [lifeCycleStatus, containsAITechnology, webAccessibilityCompliance] = choices.map((c) => ('value' in c ? c.value : null));
  const users = g.numberOfExpectedUsers ?? null;
  const bucket = users && USER_BUCKETS.find(([low, high]) => low === users.lowerBound && high === (users.upperBound ?? null));
  if (users && !bucket)
    return fail(
      `general.numberOfExpectedUsers ${users.lowerBound}–${users.upperBound ?? ''} is not one of the intervals 0–9, 10–50, 50–100, 100+`,
    );
  const classification = optionOf(context, 'it-system-usage-data-classification-types', context.organizationUuid, g.dataClassification);
  if ('error' in classification) return fail(classification.error);
  const using: string[] = [];
  for (const unit of k.organizationUsage?.usingOrganizationUnits ?? []) {
    const here = context.unit(unit.uuid);
    if (!here) return fail(`using organisation unit ${unit.name ?? unit.uuid} is not imported`);
    using.push(here);
  }
  const responsibleKitos = k.organizationUsage?.responsibleOrganizationUnit?.uuid;
  const responsible = responsibleKitos ? context.unit(responsibleKitos) : null;
  if (responsibleKitos && !responsible) return fail(`responsible organisation unit ${responsibleKitos} is not imported`);
  const refs = references(k.externalReferences);
  if (!refs.ok) return refs;
  const notes: string[] = [];
  const roles = new Map<string, { roleUuid: string; userUuid: string }>();
  for (const assignment of k.roles ?? []) {
    const roleUuid = context.usageRole(assignment.role);
    const who = `${assignment.role.name ?? assignment.role.uuid} (${assignment.user.name ?? assignment.user.uuid})`;
    if (!roleUuid) notes.push(`role ${who}: no such role type for system usages here; left out`);
    else if (!context.userKnown(assignment.user.uuid)) notes.push(`role ${who}: the user is not imported; left out`);
    else roles.set(`${roleUuid}:${assignment.user.uuid}`, { roleUuid, userUuid: assignment.user.uuid });
  }
  const onSystem = new Set(context.systemKle(k.systemContext.uuid));
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const kle of k.localKleDeviations?.addedKLE ?? []) {
    const here = context.kle(kle);
    if (!here) notes.push(`added KLE ${kle.name ?? kle.uuid} is not a KLE entry here; left out`);
    else if (onSystem.has(here)) notes.push(`added KLE ${kle.name ?? kle.uuid} is already on the IT system here; left out`);
    else added.add(here);
  }
  for (const kle of k.localKleDeviations?.removedKLE ?? []) {
    const here = context.kle(kle);
    if (!here || !onSystem.has(here)) notes.push(`removed KLE ${kle.name ?? kle.uuid} is not on the IT system here; left out`);
    else removed.add(here);
  }
  return ok(
    {
      organizationUuid: context.organizationUuid,
      systemUuid: k.systemContext.uuid,
      general: {
        localSystemId,
        localCallName,
        systemVersion,
        notes: text(g.notes),
        dataClassificationUuid: classification.uuid,
        numberOfExpectedUsers: bucket ? { lowerBound: bucket[0], upperBound: bucket[1] } : null,
        validity: { lifeCycleStatus, validFrom, validTo },
        containsAITechnology,
        webAccessibilityCompliance,
        lastWebAccessibilityCheck: 'day' in check ? check.day : null,
        webAccessibilityNotes: text(g.webAccessibilityNotes),
        mainContractUuid: g.mainContract && context.contractKnown(g.mainContract.uuid) ? g.mainContract.uuid : null,
      },
      organizationUsage: { usingOrganizationUnitUuids: [...using].sort(), responsibleOrganizationUnitUuid: responsible },
      localKleDeviations: { addedKLEUuids: [...added].sort(), removedKLEUuids: [...removed].sort() },
      roles: sortedRoles([...roles.values()]),
      externalReferences: refs.value,
    },
    notes,
  );
}

export function sortedRoles(roles: Array<{ roleUuid: string; userUuid: string }>): Array<{ roleUuid: string; userUuid: string }> {
  return [...roles].sort((a, b) => `${a.roleUuid}:${a.userUuid}`.localeCompare(`${b.roleUuid}:${b.userUuid}`));
}

export function currentUsage(u: ItSystemUsageResponse): UsageWrite {
  const g = u.general;
  return {
    organizationUuid: u.organizationContext.uuid,
    systemUuid: u.systemContext.uuid,
    general: {
      localSystemId: g.localSystemId,
      localCallName: g.localCallName,
      systemVersion: g.systemVersion,
      notes: g.notes,
      dataClassificationUuid: pairUuid(g.dataClassification),
      numberOfExpectedUsers: g.numberOfExpectedUsers
        ? { lowerBound: g.numberOfExpectedUsers.lowerBound, upperBound: g.numberOfExpectedUsers.upperBound }
        : null,
      validity: { lifeCycleStatus: g.validity.lifeCycleStatus, validFrom: g.validity.validFrom, validTo: g.validity.validTo },
      containsAITechnology: g.containsAITechnology,
      webAccessibilityCompliance: g.webAccessibilityCompliance,
      lastWebAccessibilityCheck: g.lastWebAccessibilityCheck,
      webAccessibilityNotes: g.webAccessibilityNotes,
      mainContractUuid: pairUuid(g.mainContract),
    },
    organizationUsage: {
      usingOrganizationUnitUuids: u.organizationUsage.usingOrganizationUnits.map((p) => p.uuid).sort(),
      responsibleOrganizationUnitUuid: pairUuid(u.organizationUsage.responsibleOrganizationUnit),
    },
    localKleDeviations: {
      addedKLEUuids: u.localKleDeviations.addedKLE.map((p) => p.uuid).sort(),
      removedKLEUuids: u.localKleDeviations.removedKLE.map((p) => p.uuid).sort(),
    },
    roles: sortedRoles(u.roles.map((r) => ({ roleUuid: r.role.uuid, userUuid: r.user.uuid }))),
    externalReferences: currentReferences(u.externalReferences),
  };
}

export interface RelationWrite {
  toSystemUsageUuid: string;
  relationInterfaceUuid: string | null;
  associatedContractUuid: string | null;
  relationFrequencyUuid: string | null;
  description: string | null;
  urlReference: string | null;
}

/** An outgoing relation of a usage; its associated contract when that is imported (else left out with a note). */
export function mapRelation(k: KitosSystemRelation, context: MappingContext): Mapped<RelationWrite> {
  if (!context.usageKnown(k.toSystemUsage.uuid))
    return fail(`the usage it points to (${k.toSystemUsage.name ?? k.toSystemUsage.uuid}) is not imported`);
  const notes: string[] = [];
  const relationInterfaceUuid = linkOrLeftOut(k.relationInterface, context.interfaceKnown, 'interface', notes);
  const associatedContractUuid = linkOrLeftOut(k.associatedContract, context.contractKnown, 'associated contract', notes);
  const frequency = optionOf(context, 'it-system-usage-relation-frequency-types', context.organizationUuid, k.relationFrequency);
  if ('error' in frequency) return fail(frequency.error);
  return ok(
    {
      toSystemUsageUuid: k.toSystemUsage.uuid,
      relationInterfaceUuid,
      associatedContractUuid,
      relationFrequencyUuid: frequency.uuid,
      description: text(k.description),
      urlReference: text(k.urlReference),
    },
    notes,
  );
}

export function currentRelation(r: OutgoingSystemRelationResponse): RelationWrite {
  return {
    toSystemUsageUuid: r.toSystemUsage.uuid,
    relationInterfaceUuid: pairUuid(r.relationInterface),
    associatedContractUuid: pairUuid(r.associatedContract),
    relationFrequencyUuid: pairUuid(r.relationFrequency),
    description: r.description,
    urlReference: r.urlReference,
  };
}

/** The top-level fields whose values differ (deep, by JSON value). */
export function changedFields<T extends object>(desired: T, current: T): Array<keyof T & string> {
  return (Object.keys(desired) as Array<keyof T & string>).filter((key) => JSON.stringify(desired[key]) !== JSON.stringify(current[key]));
}

/** The parents before their children; objects whose parent is not in the list keep their place at the front. */
export function parentsFirst<T>(items: readonly T[], uuidOf: (t: T) => string, parentOf: (t: T) => string | null | undefined): T[] {
  const byUuid = new Map(items.map((i) => [uuidOf(i), i]));
  const placed = new Set<string>();
  const out: T[] = [];
  const visit = (item: T, path: Set<string>) => {
    const uuid = uuidOf(item);
    if (placed.has(uuid) || path.has(uuid)) return;
    path.add(uuid);
    const parent = parentOf(item);
    const parentItem = parent ? byUuid.get(parent) : undefined;
    if (parentItem) visit(parentItem, path);
    placed.add(uuid);
    out.push(item);
  };
  for (const item of items) visit(item, new Set());
  return out;
}
