import type { FieldError } from '@kitos/common';
import type { FieldChange } from '@kitos/contracts';
import type { UsageRef } from '../shared/ports';
import { RELATION_FIELDS, type RelationContent, type RelationField } from './system-relation';

/** The target of a relation (KITOS §2.5): a known usage of the same organisation, not the source itself. */
export function targetError(from: UsageRef, toUuid: string, to: UsageRef | null): FieldError | null {
  const field = 'toSystemUsageUuid';
  if (toUuid === from.uuid) return { field, message: 'a usage cannot have a relation to itself' };
  if (!to) return { field, message: `${field} is not a known IT system usage` };
  if (to.organizationUuid !== from.organizationUuid) return { field, message: `${field} must be a usage of the same organisation` };
  return null;
}

/** The interface of a relation must be exposed by the system of the target usage. */
export function interfaceError(exposedBySystemUuid: string | null | undefined, to: UsageRef): FieldError | null {
  const field = 'relationInterfaceUuid';
  if (exposedBySystemUuid === undefined) return { field, message: `${field} is not a known IT interface` };
  if (exposedBySystemUuid !== to.systemUuid) return { field, message: `${field} must be exposed by the system of the target usage` };
  return null;
}

/** The fields whose references must be checked again after a change: what changed, and the interface when the target changed. */
export function fieldsToCheck(current: RelationContent | null, next: RelationContent): Set<RelationField> {
  const changed = new Set(RELATION_FIELDS.filter((f) => current === null || current[f] !== next[f]));
  if (changed.has('toSystemUsageUuid')) changed.add('relationInterfaceUuid');
  for (const f of RELATION_FIELDS) if (next[f] === null) changed.delete(f);
  return changed;
}

export function changesBetween(current: RelationContent, next: RelationContent): FieldChange[] {
  return RELATION_FIELDS.filter((f) => current[f] !== next[f]).map((field) => ({ field, oldValue: current[field], newValue: next[field] }));
}
