import type { FieldError } from '@kitos/common';
import type { ArchiveDutyRecommendation, FieldChange, ItSystemExternalReferenceRequest } from '@kitos/contracts';
import { WRITABLE_FIELDS, type ItSystemExternalReference, type ItSystemWritable } from './it-system';

/** KITOS: a comment on the recommended archive duty only together with a recommendation. */
export function archiveDutyErrors(id: ArchiveDutyRecommendation, comment: string | null): FieldError[] {
  return id === 'Undecided' && comment
    ? [{ field: 'recommendedArchiveDuty.comment', message: 'a comment requires a recommendation other than Undecided' }]
    : [];
}

export function duplicateKleErrors(kleUuids: readonly string[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  kleUuids.forEach((uuid, i) => {
    if (seen.has(uuid)) errors.push({ field: `kleUuids[${i}]`, message: `KLE ${uuid} is listed more than once` });
    seen.add(uuid);
  });
  return errors;
}

/**
 * The references after a write: a sent uuid keeps (and updates) an existing reference, which must exist; without one a
 * new reference is added. At most one may be the master reference.
 */
export function resolveReferences(
  sent: readonly ItSystemExternalReferenceRequest[],
  current: readonly ItSystemExternalReference[],
  newUuid: () => string,
): { references: ItSystemExternalReference[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const used = new Set<string>();
  const references = sent.map((r, i) => {
    let uuid = r.uuid?.toLowerCase();
    if (uuid && !current.some((c) => c.uuid === uuid)) {
      errors.push({ field: `externalReferences[${i}].uuid`, message: 'not a reference of this IT system; leave it out to add one' });
    } else if (uuid && used.has(uuid)) {
      errors.push({ field: `externalReferences[${i}].uuid`, message: 'the same reference is listed twice' });
    }
    uuid ??= newUuid();
    used.add(uuid);
    return { uuid, title: r.title, documentId: r.documentId ?? null, url: r.url ?? null, masterReference: r.masterReference ?? false };
  });
  if (references.filter((r) => r.masterReference).length > 1)
    errors.push({ field: 'externalReferences', message: 'at most one reference can be the master reference' });
  return { references, errors };
}

/** The field-level changes between two states, in the order of the writable fields. */
export function changesBetween(current: ItSystemWritable, next: ItSystemWritable): FieldChange[] {
  return WRITABLE_FIELDS.filter((field) => JSON.stringify(current[field]) !== JSON.stringify(next[field])).map((field) => ({
    field,
    oldValue: current[field],
    newValue: next[field],
  }));
}

/**
 * Whether making `parentUuid` the parent of `systemUuid` closes a cycle: walks up from the parent (through
 * `parentOf`, which answers the stored parent of a system) until the top or the system itself.
 */
export async function closesCycle(
  systemUuid: string,
  parentUuid: string,
  parentOf: (uuid: string) => Promise<string | null>,
): Promise<boolean> {
  const seen = new Set<string>();
  for (let at: string | null = parentUuid; at; at = await parentOf(at)) {
    if (at === systemUuid) return true;
    if (seen.has(at)) return false; // an older cycle above, not one this write closes
    seen.add(at);
  }
  return false;
}
