import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  fieldRefs,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
} from '@kitos/common';
import {
  GdprEvents,
  Rpc,
  type FieldChange,
  type OptionRef,
  type OptionTypeKind,
  type UsageGdprResponse,
  type UsageGdprSnapshot,
  type UsageGdprWriteRequest,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { OrganizationCopiesRepository } from '../copies/organization-copies.repository';
import { NatsRpcClient } from '@kitos/messaging';
import { GdprAccess } from '../shared/gdpr-access';
import { UsageDirectory } from '../usages/usage-directory';
import type { UsageCopy } from '../usages/usage-copy.repository';
import {
  EMPTY_GDPR,
  deletionDueDate,
  gdprFieldsOf,
  processesPersonalData,
  type GdprFields,
  type OptionValue,
  type UsageGdpr,
} from './usage-gdpr';
import { changedGdprFields, resolveGdprWrite } from './usage-gdpr.rules';
import { UsageGdprRepository } from './usage-gdpr.repository';

const AGGREGATE = 'usage-gdpr';
const WHAT = 'IT system usage';
const SENSITIVE_KIND: OptionTypeKind = 'it-system-usage-sensitive-personal-data-types';
const CATEGORY_KIND: OptionTypeKind = 'it-system-usage-registered-data-category-types';

/** The GDPR profile of each system usage: implicitly empty for every usage, written by the organisation's administrators. */
@Injectable()
export class UsageGdprService {
  constructor(
    private readonly repository: UsageGdprRepository,
    private readonly usages: UsageDirectory,
    private readonly organizations: OrganizationCopiesRepository,
    private readonly bus: NatsRpcClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async get(caller: CallerContext, usageUuid: string): Promise<UsageGdprResponse> {
    const usage = await this.usage(usageUuid);
    GdprAccess.assertCanRead(caller, usage.organizationUuid, WHAT, usageUuid);
    return this.toResponse(usage, await this.repository.findByUuid(usageUuid));
  }

  /** PUT replaces the whole profile (absent fields emptied); PATCH the fields sent. */
  async update(
    caller: CallerContext,
    usageUuid: string,
    sent: Partial<UsageGdprWriteRequest>,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<UsageGdprResponse> {
    const usage = await this.usage(usageUuid);
    GdprAccess.assertCanModify(caller, usage.organizationUuid, WHAT, usageUuid);
    const current = await this.repository.findByUuid(usageUuid);
    const currentVersion = current?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== currentVersion) throw stale(usageUuid, expectedVersion);
    const before: GdprFields = current ? gdprFieldsOf(current) : { ...EMPTY_GDPR };
    const { next, errors } = resolveGdprWrite(before, sent, mode);
    const optionNames = new Map((current?.optionNames ?? []).map((o) => [o.uuid, o.name]));
    errors.push(
      ...(await this.checkOptions(usage.organizationUuid, optionNames, [
        [SENSITIVE_KIND, 'sensitivePersonDataUuids', next.sensitivePersonDataUuids, before.sensitivePersonDataUuids],
        [CATEGORY_KIND, 'registeredDataCategoryUuids', next.registeredDataCategoryUuids, before.registeredDataCategoryUuids],
      ])),
    );
    if (errors.length) throw DomainError.badInput('The GDPR registration is invalid', errors);

    const changed = changedGdprFields(before, next);
    if (!changed.length) return this.toResponse(usage, current);
    const now = this.clock.now();
    const chosen = new Set([...next.sensitivePersonDataUuids, ...next.registeredDataCategoryUuids]);
    const state: UsageGdpr = {
      ...next,
      organizationUuid: usage.organizationUuid,
      optionNames: [...optionNames].filter(([uuid]) => chosen.has(uuid)).map(([uuid, name]): OptionValue => ({ uuid, name })),
      lastModified: now,
      lastModifiedByUserUuid: caller.userUuid,
    };
    const version = currentVersion + 1;
    const changes: FieldChange[] = changed.map((field) => ({ field, oldValue: before[field], newValue: next[field] }));
    const event = this.event(caller, usage.organizationUuid, usageUuid, version, GdprEvents.usageGdprChanged, {
      profile: snapshot(usageUuid, state),
      changes,
    });
    try {
      if (current) await this.repository.update(usageUuid, current.version, state, [event]);
      else await this.repository.insert(usageUuid, state, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError || error instanceof DuplicateKeyError) throw stale(usageUuid, expectedVersion);
      throw error;
    }
    return this.toResponse(usage, { ...state, uuid: usageUuid, version });
  }

  /** A deleted usage takes its profile with it (a tombstone carrying `usage-gdpr.deleted`); repeated calls do nothing. */
  async deleteForUsage(caller: CallerContext, usageUuid: string, organizationUuid: string): Promise<void> {
    const current = await this.repository.findByUuid(usageUuid);
    if (!current) return;
    const now = this.clock.now();
    const event = this.event(caller, organizationUuid, usageUuid, current.version + 1, GdprEvents.usageGdprDeleted, {
      usageUuid,
      organizationUuid,
      deletedAt: now.toISOString(),
    });
    try {
      await this.repository.markDeleted(usageUuid, current.version, { lastModified: now }, [event], now);
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
      const again = await this.repository.findByUuid(usageUuid);
      if (again) await this.deleteForUsage(caller, usageUuid, organizationUuid);
    }
  }

  private async usage(uuid: string): Promise<UsageCopy> {
    const usage = await this.usages.find(uuid);
    if (!usage) throw DomainError.notFound(WHAT, uuid);
    return usage;
  }

  /** New option values must be available in the organisation (catalogue, by request/reply); names are kept with them. */
  private async checkOptions(
    organizationUuid: string,
    names: Map<string, string>,
    lists: Array<[OptionTypeKind, string, string[], string[]]>,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [kind, field, values, before] of lists) {
      const refs = fieldRefs(field, values).filter((r) => !before.includes(r.uuid) || !names.has(r.uuid));
      if (!refs.length) continue;
      try {
        const found = await this.bus.systemRequest<OptionRef[]>(Rpc.catalog.options.requireAvailable, { kind, organizationUuid, refs });
        found.forEach((option, i) => names.set(refs[i].uuid, option.name));
      } catch (error) {
        if (error instanceof DomainError && error.errors.length) errors.push(...error.errors);
        else throw error;
      }
    }
    return errors;
  }

  private async toResponse(usage: UsageCopy, profile: Stored<UsageGdpr> | null): Promise<UsageGdprResponse> {
    const organization = await this.organizations.find(usage.organizationUuid);
    const f: GdprFields = profile ? gdprFieldsOf(profile) : { ...EMPTY_GDPR };
    const names = new Map((profile?.optionNames ?? []).map((o) => [o.uuid, o.name]));
    const pair = (uuid: string) => ({ uuid, name: names.get(uuid) || null });
    const { sensitivePersonDataUuids, registeredDataCategoryUuids, ...rest } = f;
    return {
      usageUuid: usage.uuid,
      organizationContext: { uuid: usage.organizationUuid, name: organization?.name ?? null },
      systemContext: { uuid: usage.systemUuid, name: usage.systemName },
      ...rest,
      sensitivePersonData: sensitivePersonDataUuids.map(pair),
      registeredDataCategories: registeredDataCategoryUuids.map(pair),
      lastModified: profile ? profile.lastModified.toISOString() : null,
      version: profile?.version ?? 0,
    };
  }

  private event<T extends object>(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid,
      caller,
      data,
    });
  }
}

function snapshot(usageUuid: string, p: UsageGdpr): UsageGdprSnapshot {
  return {
    usageUuid,
    organizationUuid: p.organizationUuid,
    processesPersonalData: processesPersonalData(p),
    retentionPeriodDefined: p.retentionPeriodDefined,
    deletionDueDate: deletionDueDate(p),
    riskAssessmentConducted: p.riskAssessmentConducted ?? null,
    riskAssessmentDate: p.riskAssessmentConductedDate ?? null,
    riskAssessmentNotes: p.riskAssessmentNotes ?? null,
    dpiaConducted: p.dpiaConducted ?? null,
    dpiaDate: p.dpiaDate ?? null,
    lastModified: p.lastModified.toISOString(),
  };
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`The GDPR registration of usage ${uuid}`, expectedVersion);
}
