import { Injectable } from '@nestjs/common';
import { Rpc, type OptionRef, type OptionTypeKind } from '@kitos/contracts';
import { NatsRpcClient } from '@kitos/messaging';

export const ARCHIVE_TYPES: OptionTypeKind = 'it-system-usage-archive-types';
export const ARCHIVE_LOCATIONS: OptionTypeKind = 'it-system-usage-archive-location-types';
export const ARCHIVE_TEST_LOCATIONS: OptionTypeKind = 'it-system-usage-archive-test-location-types';

/** The catalogue's option types, asked over request/reply: availability in an organisation and names. */
@Injectable()
export class OptionCatalog {
  constructor(private readonly bus: NatsRpcClient) {}

  /** Resolves when every value is available in the organisation; otherwise a 400 naming each field. */
  async requireAvailable(
    kind: OptionTypeKind,
    organizationUuid: string,
    refs: ReadonlyArray<{ field: string; uuid: string }>,
  ): Promise<void> {
    if (refs.length) await this.bus.systemFind<OptionRef[]>(Rpc.catalog.options.requireAvailable, { kind, organizationUuid, refs });
  }

  async names(kind: OptionTypeKind, uuids: readonly string[]): Promise<Map<string, string>> {
    const wanted = [...new Set(uuids)];
    if (!wanted.length) return new Map();
    const refs = (await this.bus.systemFind<OptionRef[]>(Rpc.catalog.options.names, { kind, uuids: wanted })) ?? [];
    return new Map(refs.map((r) => [r.uuid, r.name]));
  }
}
