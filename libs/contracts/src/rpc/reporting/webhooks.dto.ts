import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsNonEmptyUuid } from '../common.dto';

/** A topic: an event type `<service>.<aggregate>.<event>` where any segment may be `*`. */
export const WEBHOOK_TOPIC_PATTERN = /^(\*|[a-z]+)\.(\*|[a-z-]+)\.(\*|[a-z-]+)$/;
export const WEBHOOK_MAX_TOPICS = 50;
export const WEBHOOK_SIGNATURE_HEADER = 'X-Kitos-Signature';
export const WEBHOOK_EVENT_ID_HEADER = 'X-Kitos-Event-Id';
export const WEBHOOK_REPLAY_HEADER = 'X-Kitos-Replay';

export class CreateWebhookRequest {
  @ApiProperty({ format: 'uuid', description: 'The subscribing organisation: it receives only what it may read' })
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @ApiProperty({ example: 'https://integration.kommune.dk/kitos/events', description: 'https (http only outside production)' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ type: [String], example: ['catalog.it-system.*', 'contracts.it-contract.updated'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_MAX_TOPICS)
  @IsString({ each: true })
  @Matches(WEBHOOK_TOPIC_PATTERN, { each: true, message: 'each topic is <service>.<aggregate>.<event>, any segment may be *' })
  topics!: string[];

  @ApiPropertyOptional({ default: true })
  @ValidateIf((_, value) => value !== undefined) // optional, but never null
  @IsBoolean()
  active?: boolean;
}

export class PatchWebhookRequest {
  @ApiPropertyOptional({ example: 'https://integration.kommune.dk/kitos/events' })
  @ValidateIf((_, value) => value !== undefined) // optional, but never null
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ type: [String], example: ['catalog.*.*'] })
  @ValidateIf((_, value) => value !== undefined) // optional, but never null
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_MAX_TOPICS)
  @IsString({ each: true })
  @Matches(WEBHOOK_TOPIC_PATTERN, { each: true, message: 'each topic is <service>.<aggregate>.<event>, any segment may be *' })
  topics?: string[];

  @ApiPropertyOptional()
  @ValidateIf((_, value) => value !== undefined) // optional, but never null
  @IsBoolean()
  active?: boolean;
}

export class WebhookListQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only subscriptions of this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;
}

export class WebhookReplayRequest {
  @ApiProperty({
    format: 'date-time',
    example: '2026-01-01T00:00:00Z',
    description: 'Re-send matching events that occurred from this time',
  })
  @IsDateString({ strict: true })
  from!: string;
}

export class WebhookResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty()
  url!: string;

  @ApiProperty({ type: [String] })
  topics!: string[];

  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;
}

export class CreatedWebhookResponse extends WebhookResponse {
  @ApiProperty({ description: 'HMAC-SHA256 key of the signatures; shown only in this answer' })
  secret!: string;
}

export class WebhookDeadLetter {
  @ApiProperty({ format: 'uuid', description: 'The delivery' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'catalog.it-system-usage.updated' })
  eventType!: string;

  @ApiProperty()
  replay!: boolean;

  @ApiProperty({ type: 'integer' })
  attempts!: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'HTTP status of the last attempt' })
  lastStatus!: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  lastError!: string | null;

  @ApiProperty({ format: 'date-time' })
  failedAt!: string;
}

export class WebhookReplayResponse {
  @ApiProperty({ type: 'integer', description: 'Events queued for delivery again by the time of the answer' })
  queued!: number;

  @ApiProperty({
    description: 'Whether the replay was finished by the time of the answer; when false it goes on in the background (a long period)',
  })
  complete!: boolean;
}

/** The JSON body posted to a subscriber. */
export class WebhookPayload {
  @ApiProperty({ format: 'uuid', description: 'Event id (also in X-Kitos-Event-Id)' })
  id!: string;

  @ApiProperty({ example: 'catalog.it-system.updated' })
  type!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;

  @ApiProperty({ format: 'date-time' })
  occurredAt!: string;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  organizationUuid!: string | null;

  @ApiProperty({ description: '{type, uuid, version}' })
  aggregate!: { type: string; uuid: string; version: number };

  @ApiProperty({ description: 'The snapshot and field changes (before/after) of the event' })
  data!: Record<string, unknown>;

  @ApiProperty({ description: 'True when sent again by a replay' })
  replay!: boolean;
}
