import { OmitType } from '@nestjs/swagger';
import { ItSystemExternalReferenceRequest } from './it-system.dto';
import { UsageExternalReferenceWrite } from './it-system-usage.dto';

/** KITOS `ExternalReferenceDataWriteRequestDTO` on `…/it-systems/{uuid}/external-references[/{uuid}]`: the rules of the system's own list. */
export class ItSystemExternalReferenceWriteRequest extends OmitType(ItSystemExternalReferenceRequest, ['uuid'] as const) {}

/** KITOS `ExternalReferenceDataWriteRequestDTO` on `…/it-system-usages/{uuid}/external-references[/{uuid}]`. */
export class UsageExternalReferenceWriteRequest extends OmitType(UsageExternalReferenceWrite, ['uuid'] as const) {}

/** Internal RPC payload (gateway → catalog): add (no referenceUuid), replace or delete one reference of an object. */
export interface ExternalReferenceRpc {
  uuid: string;
  referenceUuid?: string;
  expectedVersion?: number;
  body?: unknown;
}

/** The written reference and the object's new version (sent as the ETag). */
export interface ExternalReferenceResult<T> {
  reference: T;
  version: number;
}
