import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, type Clock, type FieldError } from '@kitos/common';
import { KleCatalog, type FieldRef, type KleRef } from '../shared/ports';
import { isInSubtree } from './kle-number';
import { KleRepository } from './kle.repository';
import { dayOf, isRemovedOn, type KleEntry } from './kle';

/** KLE as the other parts of the catalogue see it (the KleCatalog port), straight from the repository. */
@Injectable()
export class KleLookup extends KleCatalog {
  constructor(
    private readonly repository: KleRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    super();
  }

  async requireExisting(refs: readonly FieldRef[]): Promise<KleRef[]> {
    const { byUuid } = await this.repository.snapshot();
    const today = dayOf(this.clock.now());
    const errors: FieldError[] = [];
    const found: KleRef[] = [];
    for (const ref of refs) {
      const entry = byUuid.get(ref.uuid.toLowerCase());
      if (!entry) errors.push({ field: ref.field, message: `KLE entry ${ref.uuid} does not exist` });
      else if (isRemovedOn(entry, today))
        errors.push({
          field: ref.field,
          message: `KLE ${entry.kleNumber} (${entry.description}) was removed from KLE on ${entry.removed}`,
        });
      else found.push(refOf(entry));
    }
    if (errors.length) throw DomainError.badInput('Unknown or removed KLE entries', errors);
    return found;
  }

  async byUuids(uuids: readonly string[]): Promise<Map<string, KleRef>> {
    const { byUuid } = await this.repository.snapshot();
    const result = new Map<string, KleRef>();
    for (const uuid of uuids) {
      const entry = byUuid.get(uuid.toLowerCase());
      if (entry) result.set(uuid, refOf(entry));
    }
    return result;
  }

  async uuidsUnderNumber(kleNumber: string): Promise<string[]> {
    const { entries } = await this.repository.snapshot();
    return entries.filter((e) => isInSubtree(e.kleNumber, kleNumber)).map((e) => e.uuid);
  }
}

function refOf(entry: KleEntry): KleRef {
  return { uuid: entry.uuid, kleNumber: entry.kleNumber, description: entry.description };
}
