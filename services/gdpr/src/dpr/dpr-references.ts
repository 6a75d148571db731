import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, type FieldError } from '@kitos/common';
import { Rpc, type ItSystemUsageResponse, type OptionRef, type OptionTypeKind } from '@kitos/contracts';
import { UsageCopyRepository } from '../usages/usage-copy.repository';
import { NatsRpcClient } from '@kitos/messaging';
import type { FieldRef } from '@kitos/common';

export type { FieldRef };

export interface UsageRef {
  uuid: string;
  organizationUuid: string;
  systemUuid: string;
  systemName: string | null;
}

/** What a registration refers to in the catalogue: option values (checked there) and system usages (the local copy, read through on a miss). */
@Injectable()
export class DprReferences {
  constructor(
    private readonly bus: NatsRpcClient,
    private readonly usageCopies: UsageCopyRepository,
  ) {}

  /** Field errors for the option values that are unknown, of another kind or not available in the organisation. */
  async optionErrors(kind: OptionTypeKind, organizationUuid: string, refs: readonly FieldRef[]): Promise<FieldError[]> {
    if (!refs.length) return [];
    try {
      await this.bus.systemRequest<OptionRef[]>(Rpc.catalog.options.requireAvailable, { kind, organizationUuid, refs });
      return [];
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.BadInput)
        return error.errors.length ? [...error.errors] : refs.map((r) => ({ field: r.field, message: error.message }));
      throw error;
    }
  }

  /** Option names by uuid; empty while the catalogue cannot answer (reads degrade to names = null). */
  async optionNames(kind: OptionTypeKind, uuids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(uuids)];
    if (!unique.length) return new Map();
    try {
      const refs = await this.bus.systemRequest<OptionRef[]>(Rpc.catalog.options.names, { kind, uuids: unique });
      return new Map(refs.map((r) => [r.uuid, r.name]));
    } catch {
      return new Map();
    }
  }

  /** A usage from the local copy, or from the catalogue when its event has not arrived yet; null when it does not exist. */
  async usage(uuid: string): Promise<UsageRef | null> {
    const copy = await this.usageCopies.find(uuid);
    if (copy) return { uuid, organizationUuid: copy.organizationUuid, systemUuid: copy.systemUuid, systemName: copy.systemName };
    const usage = await this.bus.systemFind<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid });
    return usage
      ? {
          uuid,
          organizationUuid: usage.organizationContext.uuid,
          systemUuid: usage.systemContext.uuid,
          systemName: usage.systemContext.name,
        }
      : null;
  }

  /** Usages of the same organisation; a field error per unknown or foreign one. */
  async usageErrors(organizationUuid: string, refs: readonly FieldRef[]): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const ref of refs) {
      const usage = await this.usage(ref.uuid);
      if (!usage) errors.push({ field: ref.field, message: `${ref.field} is not a known IT system usage` });
      else if (usage.organizationUuid !== organizationUuid)
        errors.push({ field: ref.field, message: `${ref.field} must be a usage of the registration's organisation` });
    }
    return errors;
  }

  /** The uuids of the usages of an IT system (in an organisation), from the catalogue. */
  async usagesOfSystem(systemUuid: string, organizationUuid: string | undefined): Promise<string[]> {
    const uuids: string[] = [];
    for (let page = 0; ; page++) {
      const result = await this.bus.systemRequest<{ items: Array<{ uuid: string }> }>(Rpc.catalog.usages.list, {
        systemUuid,
        ...(organizationUuid ? { organizationUuid } : {}),
        page,
        pageSize: 250,
      });
      uuids.push(...result.items.map((u) => u.uuid));
      if (result.items.length < 250) return uuids;
    }
  }
}
