import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  createOnce,
  newAggregateUuid,
  type CallerContext,
  type Clock,
  type IdGenerator,
} from '@kitos/common';
import {
  CatalogOptionEvents,
  type AvailableOptionTypeResponse,
  type CreateOptionTypeRequest,
  type EventDefinition,
  type FieldChange,
  type GlobalOptionTypeResponse,
  type LocalOptionSnapshot,
  type LocalOptionTypeResponse,
  type OptionRef,
  type OptionSnapshot,
  type OptionTypeKind,
  type OptionTypeResponse,
  type Page,
  type PatchLocalOptionTypeRequest,
  type PatchOptionTypeRequest,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import type { FieldRef } from '../shared/ports';
import { descriptionIn, isAvailable } from './availability';
import { LocalOptionsRepository } from './local-options.repository';
import { OptionLookup } from './option-lookup';
import { localOptionUuid } from './option-ids';
import { OptionPolicy } from './option.policy';
import { OptionsRepository } from './options.repository';
import { optionNameKey, type LocalOptionSetting, type OptionValue } from './option';

const PATCHABLE = ['name', 'description', 'isObligatory', 'isEnabled', 'priority'] as const;

/**
 * Option types: global values maintained by global administrators, each organisation's activation and description
 * override maintained by its local administrators, and what is available where (KITOS §2.8). Every change is an event.
 */
@Injectable()
export class OptionsService {
  constructor(
    private readonly options: OptionsRepository,
    private readonly settings: LocalOptionsRepository,
    private readonly lookup: OptionLookup,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  // ------------------------------------------------------------ what an organisation may use

  /** The values available in the organisation, in order; without `pageSize` all of them (as KITOS). */
  async listAvailable(
    caller: CallerContext,
    kind: OptionTypeKind,
    organizationUuid: string,
    paging: { page?: number; pageSize?: number } = {},
  ): Promise<Page<OptionTypeResponse>> {
    const org = organizationUuid.toLowerCase();
    OptionPolicy.assertCanReadIn(caller, org);
    const rows = await this.rowsIn(
      org,
      (await this.options.listByKind(kind)).filter((o) => o.isEnabled),
    );
    const available = rows.filter(([option, setting]) => isAvailable(option, setting));
    const page = paging.page ?? 0;
    const pageSize = paging.pageSize ?? Math.max(available.length, 1);
    return {
      items: available.slice(page * pageSize, (page + 1) * pageSize).map(([option, setting]) => publicView(option, setting)),
      page,
      pageSize,
    };
  }

  /** Any value of the kind (also unavailable or disabled ones), with whether it is available in the organisation. */
  async getAvailable(
    caller: CallerContext,
    kind: OptionTypeKind,
    organizationUuid: string,
    uuid: string,
  ): Promise<AvailableOptionTypeResponse> {
    const org = organizationUuid.toLowerCase();
    OptionPolicy.assertCanReadIn(caller, org);
    const [[option, setting]] = await this.rowsIn(org, [await this.load(kind, uuid)]);
    return { ...publicView(option, setting), isAvailable: isAvailable(option, setting) };
  }

  async requireAvailable(kind: OptionTypeKind, organizationUuid: string, refs: readonly FieldRef[]): Promise<OptionRef[]> {
    return this.lookup.requireAvailable(kind, organizationUuid, refs);
  }

  async names(kind: OptionTypeKind, uuids: readonly string[]): Promise<OptionRef[]> {
    const names = await this.lookup.namesOf(kind, uuids);
    return [...names].map(([uuid, name]) => ({ uuid, name }));
  }

  // ------------------------------------------------------------ global values

  async listGlobal(caller: CallerContext, kind: OptionTypeKind): Promise<GlobalOptionTypeResponse[]> {
    OptionPolicy.assertCanReadGlobal(caller);
    return (await this.options.listByKind(kind)).map(globalView);
  }

  async getGlobal(caller: CallerContext, kind: OptionTypeKind, uuid: string): Promise<GlobalOptionTypeResponse> {
    OptionPolicy.assertCanReadGlobal(caller);
    return globalView(await this.load(kind, uuid));
  }

  async createGlobal(
    caller: CallerContext,
    kind: OptionTypeKind,
    request: CreateOptionTypeRequest,
    chosen?: string,
  ): Promise<GlobalOptionTypeResponse> {
    OptionPolicy.assertCanMaintainGlobal(caller);
    const uuid = chosen ?? newAggregateUuid(this.ids, caller, `option-${kind}`);
    // a retry of a create whose answer was lost (Idempotency-Key): the value the first run made, as it is now
    const earlier = async () => {
      const made = await this.options.findByUuid(uuid);
      return made && made.kind === kind ? globalView(made) : null;
    };
    const found = !chosen && caller.idempotencyKey ? await earlier() : null;
    if (found) return found;
    // a retry that overtook its first run finds the name (or `_id`) taken by that run's value: that is its answer
    return createOnce(caller, () => this.insertGlobal(caller, kind, uuid, request), earlier, { derived: !chosen });
  }

  private async insertGlobal(
    caller: CallerContext,
    kind: OptionTypeKind,
    uuid: string,
    request: CreateOptionTypeRequest,
  ): Promise<GlobalOptionTypeResponse> {
    const nameKey = optionNameKey(request.name);
    await this.refuseTakenName(kind, nameKey, request.name);
    const now = this.clock.now();
    const state: OptionValue = {
      kind,
      name: request.name,
      nameKey,
      description: request.description ?? null,
      isObligatory: request.isObligatory ?? false,
      isEnabled: request.isEnabled ?? true,
      priority: request.priority ?? 0,
      createdAt: now,
      lastModified: now,
      lastModifiedByUserUuid: caller.userUuid,
    };
    const event = this.event(caller, null, 'option', uuid, 1, CatalogOptionEvents.optionCreated, { option: optionSnapshot(uuid, state) });
    try {
      await this.options.insert(uuid, state, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw nameTaken(kind, request.name);
      throw error;
    }
    return globalView({ ...state, uuid, version: 1 });
  }

  /** Changes only the fields sent; `isEnabled: false` is how a value goes away (it may still be referenced). */
  async patchGlobal(
    caller: CallerContext,
    kind: OptionTypeKind,
    uuid: string,
    changes: Partial<PatchOptionTypeRequest>,
    expectedVersion?: number,
  ): Promise<GlobalOptionTypeResponse> {
    OptionPolicy.assertCanMaintainGlobal(caller);
    const current = await this.load(kind, uuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(current.uuid, expectedVersion);
    const next: Stored<OptionValue> = { ...current };
    const fieldChanges: FieldChange[] = [];
    for (const field of PATCHABLE) {
      if (changes[field] === undefined) continue;
      const value = changes[field] ?? null;
      if (value === null && field !== 'description')
        throw DomainError.badInput(`${field} cannot be removed`, [{ field, message: `${field} must not be null` }]);
      if (current[field] === value) continue;
      fieldChanges.push({ field, oldValue: current[field], newValue: value });
      (next as Record<string, unknown>)[field] = value;
    }
    if (!fieldChanges.length) return globalView(current);
    next.nameKey = optionNameKey(next.name);
    if (next.nameKey !== current.nameKey) await this.refuseTakenName(kind, next.nameKey, next.name, current.uuid);
    next.lastModified = this.clock.now();
    next.lastModifiedByUserUuid = caller.userUuid;
    const version = current.version + 1;
    const event = this.event(caller, null, 'option', current.uuid, version, CatalogOptionEvents.optionUpdated, {
      option: optionSnapshot(current.uuid, next),
      changes: fieldChanges,
    });
    const { uuid: _u, version: _v, ...set } = next;
    try {
      await this.options.update(current.uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw nameTaken(kind, next.name);
      if (error instanceof StaleVersionError) throw stale(current.uuid, expectedVersion);
      throw error;
    }
    return globalView({ ...next, version });
  }

  // ------------------------------------------------------------ an organisation's settings

  /** The enabled values with the organisation's settings (members read, local administrators change). */
  async listLocal(caller: CallerContext, kind: OptionTypeKind, organizationUuid: string): Promise<LocalOptionTypeResponse[]> {
    const org = organizationUuid.toLowerCase();
    OptionPolicy.assertCanReadIn(caller, org);
    const rows = await this.rowsIn(
      org,
      (await this.options.listByKind(kind)).filter((o) => o.isEnabled),
    );
    return rows.map(([option, setting]) => localView(org, option, setting));
  }

  async getLocal(caller: CallerContext, kind: OptionTypeKind, organizationUuid: string, uuid: string): Promise<LocalOptionTypeResponse> {
    const org = organizationUuid.toLowerCase();
    OptionPolicy.assertCanReadIn(caller, org);
    const [[option, setting]] = await this.rowsIn(org, [await this.load(kind, uuid)]);
    return localView(org, option, setting);
  }

  /**
   * Activates or deactivates a non-obligatory value in the organisation and sets or clears its own description.
   * The first setting of a value in an organisation creates it (under an id derived from both, so at most once).
   */
  async patchLocal(
    caller: CallerContext,
    kind: OptionTypeKind,
    organizationUuid: string,
    uuid: string,
    changes: Partial<PatchLocalOptionTypeRequest>,
    expectedVersion?: number,
  ): Promise<LocalOptionTypeResponse> {
    const org = organizationUuid.toLowerCase();
    OptionPolicy.assertCanSetIn(caller, org);
    const option = await this.load(kind, uuid);
    if (changes.isActive !== undefined && option.isObligatory)
      throw DomainError.badInput('An obligatory value is available in every organisation; it cannot be activated or deactivated', [
        { field: 'isActive', message: `"${option.name}" is obligatory` },
      ]);
    if (changes.isActive === true && !option.isEnabled)
      throw DomainError.badInput('A disabled value cannot be activated', [{ field: 'isActive', message: `"${option.name}" is disabled` }]);
    const settingUuid = localOptionUuid(org, option.uuid);
    for (let attempt = 0; ; attempt++) {
      try {
        const current = await this.settings.findByUuid(settingUuid);
        if (expectedVersion !== undefined && expectedVersion !== (current?.version ?? 0)) throw staleSetting(option.name, expectedVersion);
        const setting = current
          ? await this.changeSetting(caller, current, changes)
          : await this.createSetting(caller, settingUuid, org, option, changes);
        return localView(org, option, setting);
      } catch (error) {
        // another administrator created or changed the same setting in between: read it again once (unless If-Match)
        const lost = error instanceof DuplicateKeyError || error instanceof StaleVersionError;
        if (lost && expectedVersion !== undefined) throw staleSetting(option.name, expectedVersion);
        if (lost && attempt === 0) continue;
        if (lost) throw DomainError.conflict('The setting was changed concurrently; read it again and retry');
        throw error;
      }
    }
  }

  private async createSetting(
    caller: CallerContext,
    uuid: string,
    organizationUuid: string,
    option: Stored<OptionValue>,
    changes: Partial<PatchLocalOptionTypeRequest>,
  ): Promise<Stored<LocalOptionSetting>> {
    const state: LocalOptionSetting = {
      organizationUuid,
      kind: option.kind,
      optionUuid: option.uuid,
      isActive: changes.isActive ?? false,
      description: changes.description || null,
      lastModified: this.clock.now(),
      lastModifiedByUserUuid: caller.userUuid,
    };
    const event = this.event(caller, organizationUuid, 'local-option', uuid, 1, CatalogOptionEvents.localOptionCreated, {
      setting: localSnapshot(uuid, state),
    });
    await this.settings.insert(uuid, state, [event]);
    return { ...state, uuid, version: 1 };
  }

  private async changeSetting(
    caller: CallerContext,
    current: Stored<LocalOptionSetting>,
    changes: Partial<PatchLocalOptionTypeRequest>,
  ): Promise<Stored<LocalOptionSetting>> {
    const next: Stored<LocalOptionSetting> = { ...current };
    const fieldChanges: FieldChange[] = [];
    if (changes.isActive !== undefined && changes.isActive !== current.isActive) {
      fieldChanges.push({ field: 'isActive', oldValue: current.isActive, newValue: changes.isActive });
      next.isActive = changes.isActive;
    }
    if (changes.description !== undefined && (changes.description || null) !== current.description) {
      fieldChanges.push({ field: 'description', oldValue: current.description, newValue: changes.description || null });
      next.description = changes.description || null;
    }
    if (!fieldChanges.length) return current;
    next.lastModified = this.clock.now();
    next.lastModifiedByUserUuid = caller.userUuid;
    const event = this.event(
      caller,
      current.organizationUuid,
      'local-option',
      current.uuid,
      current.version + 1,
      CatalogOptionEvents.localOptionUpdated,
      {
        setting: localSnapshot(current.uuid, next),
        changes: fieldChanges,
      },
    );
    const { uuid: _u, version: _v, ...set } = next;
    await this.settings.update(current.uuid, current.version, set, [event]);
    return { ...next, version: current.version + 1 };
  }

  // ------------------------------------------------------------ helpers

  /** A value of this kind; a value of another kind is as unknown as a missing one. */
  private async load(kind: OptionTypeKind, uuid: string): Promise<Stored<OptionValue>> {
    const option = await this.options.findByUuid(uuid.toLowerCase());
    if (!option || option.kind !== kind) throw DomainError.notFound(`Value of ${kind}`, uuid);
    return option;
  }

  /** Each value with the organisation's setting of it (null when never set). */
  private async rowsIn(
    organizationUuid: string,
    values: readonly Stored<OptionValue>[],
  ): Promise<Array<[Stored<OptionValue>, Stored<LocalOptionSetting> | null]>> {
    const settings = await this.settings.findMany(values.map((o) => localOptionUuid(organizationUuid, o.uuid)));
    const byOption = new Map(settings.map((s) => [s.optionUuid, s]));
    return values.map((o) => [o, byOption.get(o.uuid) ?? null]);
  }

  private async refuseTakenName(kind: OptionTypeKind, nameKey: string, name: string, exceptUuid?: string): Promise<void> {
    const existing = await this.options.findByName(kind, nameKey);
    if (existing && existing.uuid !== exceptUuid) throw nameTaken(kind, name, existing.uuid);
  }

  private event<T extends object>(
    caller: CallerContext,
    organizationUuid: string | null,
    aggregate: 'option' | 'local-option',
    uuid: string,
    version: number,
    definition: EventDefinition<T>,
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: aggregate, uuid, version },
      organizationUuid,
      caller,
      data,
    });
  }
}

function nameTaken(kind: OptionTypeKind, name: string, existingUuid?: string): DomainError {
  return DomainError.conflict(`${kind} already has a value named "${name}"`, existingUuid ? { existingUuid } : {});
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`Option value ${uuid}`, expectedVersion);
}

export function optionSnapshot(uuid: string, o: OptionValue): OptionSnapshot {
  return {
    uuid,
    kind: o.kind,
    name: o.name,
    description: o.description,
    isObligatory: o.isObligatory,
    isEnabled: o.isEnabled,
    priority: o.priority,
    lastModified: o.lastModified.toISOString(),
  };
}

function localSnapshot(uuid: string, s: LocalOptionSetting): LocalOptionSnapshot {
  return {
    uuid,
    organizationUuid: s.organizationUuid,
    kind: s.kind,
    optionUuid: s.optionUuid,
    isActive: s.isActive,
    description: s.description,
    lastModified: s.lastModified.toISOString(),
  };
}

function publicView(o: Stored<OptionValue>, setting: LocalOptionSetting | null): OptionTypeResponse {
  return { uuid: o.uuid, name: o.name, description: descriptionIn(o, setting) };
}

function globalView(o: Stored<OptionValue>): GlobalOptionTypeResponse {
  return {
    uuid: o.uuid,
    kind: o.kind,
    name: o.name,
    description: o.description,
    isObligatory: o.isObligatory,
    isEnabled: o.isEnabled,
    priority: o.priority,
    lastModified: o.lastModified.toISOString(),
    version: o.version,
  };
}

function staleSetting(optionName: string, expectedVersion: number): DomainError {
  return DomainError.stale(`The organisation's setting of "${optionName}"`, expectedVersion);
}

function localView(organizationUuid: string, o: Stored<OptionValue>, setting: Stored<LocalOptionSetting> | null): LocalOptionTypeResponse {
  return {
    uuid: o.uuid,
    kind: o.kind,
    organizationUuid,
    name: o.name,
    description: descriptionIn(o, setting),
    globalDescription: o.description,
    localDescription: setting?.description ?? null,
    isObligatory: o.isObligatory,
    isEnabled: o.isEnabled,
    isActive: setting?.isActive ?? false,
    isAvailable: isAvailable(o, setting),
    priority: o.priority,
    version: setting?.version ?? 0,
  };
}
