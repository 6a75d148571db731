import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsNonEmptyUuid, PageQuery } from '../common.dto';

/** The resources (KITOS API v2 path segments) whose change history reporting serves, with their event aggregate types. */
export const HISTORY_RESOURCES = {
  'it-systems': 'it-system',
  'it-interfaces': 'it-interface',
  'it-system-usages': 'it-system-usage',
  'it-contracts': 'it-contract',
  'data-processing-registrations': 'data-processing-registration',
  'it-projects': 'it-project',
} as const;
export type HistoryResource = keyof typeof HISTORY_RESOURCES;
export const HISTORY_RESOURCE_NAMES = Object.keys(HISTORY_RESOURCES) as HistoryResource[];

export const HISTORY_EVENT_KINDS = ['created', 'updated', 'deleted'] as const;
export type HistoryEventKind = (typeof HISTORY_EVENT_KINDS)[number];

/** RPC request of `Rpc.reporting.history.get`. */
export class GetHistoryRequest extends PageQuery {
  @IsIn(HISTORY_RESOURCE_NAMES)
  resource!: HistoryResource;

  @IsNonEmptyUuid()
  uuid!: string;
}

export class HistoryActor {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for changes made by the system itself' })
  uuid!: string | null;

  @ApiPropertyOptional({ example: 'Hanne Jensen', description: 'The user’s name, when reporting knows it' })
  name?: string;
}

/** A field's value in history: whatever JSON value the field holds (text, number, yes/no, a list or an object), or null. */
const ANY_JSON_VALUE = {
  oneOf: [
    { type: 'string', nullable: true },
    { type: 'number' },
    { type: 'boolean' },
    { type: 'array', items: {} },
    { type: 'object', additionalProperties: true },
  ],
};

export class HistoryFieldChange {
  @ApiProperty({ example: 'general.localCallName', description: 'Dotted path of the field' })
  field!: string;

  @ApiProperty({ ...ANY_JSON_VALUE, example: 'ESDH', description: 'Value before the change (any JSON value); null when created' })
  oldValue!: unknown;

  @ApiProperty({ ...ANY_JSON_VALUE, example: 'ESDH 2', description: 'Value after the change (any JSON value); null when deleted' })
  newValue!: unknown;
}

export class HistoryEntry {
  @ApiProperty({ format: 'date-time', example: '2026-03-01T09:15:00.000Z' })
  occurredAt!: string;

  @ApiProperty({ type: HistoryActor })
  actor!: HistoryActor;

  @ApiProperty({ enum: HISTORY_EVENT_KINDS })
  event!: HistoryEventKind;

  @ApiProperty({ type: 'integer', example: 2, description: 'The object’s version after this change' })
  version!: number;

  @ApiProperty({
    type: [HistoryFieldChange],
    description: 'The changed fields; for "created" the initial non-empty values, for "deleted" none',
  })
  changes!: HistoryFieldChange[];
}
