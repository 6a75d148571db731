import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError } from '@kitos/common';
import { Rpc, type ItSystemUsageResponse } from '@kitos/contracts';
import type { FieldRef } from '../shared/ports';
import { NatsRpcClient } from '@kitos/messaging';
import { LinkedCopiesRepository, type LinkedCopy } from './linked-copies.repository';

/**
 * The usages and data processing registrations a contract may link to: known (from the copies), not deleted and of
 * the contract's organisation. A usage the copy has never seen (created a moment ago) is read through from the
 * catalogue and remembered. gdpr has no request/reply for registrations (yet): they are known from its events only.
 */
@Injectable()
export class LinkedObjectsLookup {
  constructor(
    private readonly copies: LinkedCopiesRepository,
    private readonly catalog: NatsRpcClient,
  ) {}

  async requireUsages(organizationUuid: string, refs: readonly FieldRef[]): Promise<void> {
    const found = await this.copies.find(
      this.copies.usages,
      refs.map((r) => r.uuid),
    );
    await Promise.all(
      refs
        .filter((r) => !found.has(r.uuid))
        .map(async (ref) => {
          const usage = await this.catalog.systemFind<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid: ref.uuid });
          if (!usage) return;
          const state = {
            organizationUuid: usage.organizationContext.uuid,
            systemUuid: usage.systemContext.uuid,
            name: usage.systemContext.name,
            deleted: false,
          };
          await this.copies.apply(this.copies.usages, ref.uuid, usage.version, state);
          found.set(ref.uuid, { _id: ref.uuid, version: usage.version, ...state });
        }),
    );
    throwIfAny(check(refs, found, organizationUuid, 'system usage'));
  }

  async requireRegistrations(organizationUuid: string, refs: readonly FieldRef[]): Promise<void> {
    const found = await this.copies.find(
      this.copies.registrations,
      refs.map((r) => r.uuid),
    );
    throwIfAny(check(refs, found, organizationUuid, 'data processing registration'));
  }

  /** The given uuids whose object has been deleted meanwhile (a deletion that arrived while a write was on its way). */
  async deleted(kind: 'usages' | 'registrations', uuids: readonly string[]): Promise<string[]> {
    const found = await this.copies.find(this.copies[kind], uuids);
    return uuids.filter((uuid) => found.get(uuid)?.deleted === true);
  }

  async usageNames(uuids: readonly string[]): Promise<Map<string, string | null>> {
    return names(await this.copies.find(this.copies.usages, uuids));
  }

  async registrationNames(uuids: readonly string[]): Promise<Map<string, string | null>> {
    return names(await this.copies.find(this.copies.registrations, uuids));
  }

  usagesOfSystem(systemUuid: string): Promise<string[]> {
    return this.copies.usagesOfSystem(systemUuid);
  }
}

function names(rows: Map<string, LinkedCopy>): Map<string, string | null> {
  return new Map([...rows].map(([uuid, row]) => [uuid, row.name]));
}

function check(refs: readonly FieldRef[], found: Map<string, LinkedCopy>, organizationUuid: string, what: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const ref of refs) {
    const row = found.get(ref.uuid);
    if (!row || row.deleted) errors.push({ field: ref.field, message: `${ref.field} is not a known ${what}` });
    else if (row.organizationUuid !== organizationUuid)
      errors.push({ field: ref.field, message: `${ref.field} must be a ${what} of the contract's organisation` });
  }
  return errors;
}

function throwIfAny(errors: FieldError[]): void {
  if (errors.length) throw DomainError.badInput('Links must be to objects of the same organisation', errors);
}
