import { Injectable } from '@nestjs/common';
import { Rpc, type OptionRef, type OptionTypeKind } from '@kitos/contracts';
import { OptionCatalog, type FieldRef, type NamedRef } from '../shared/ports';
import { NatsRpcClient } from '@kitos/messaging';

/** The catalogue's option types over request/reply (`rpc.catalog.option.require-available`). */
@Injectable()
export class OptionCatalogClient extends OptionCatalog {
  constructor(private readonly catalog: NatsRpcClient) {
    super();
  }

  async requireAvailable(kind: OptionTypeKind, organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    if (!refs.length) return [];
    return this.catalog.systemRequest<OptionRef[]>(Rpc.catalog.options.requireAvailable, { kind, organizationUuid, refs });
  }
}
