import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsNonEmptyUuid, MAX_PAGE, MAX_PAGE_SIZE, PageNumber, PageSize } from '../common.dto';

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

  @ApiProperty({ type: 'integer', description: 'Incremented by every change (the ETag)' })
  version!: number;
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

/** A delivery's state: `failed-retrying` is a pending delivery whose earlier attempts failed; `dead` failed every attempt. */
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed-retrying', 'dead'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];
export const WEBHOOK_DELIVERIES_DEFAULT_PAGE_SIZE = 50;

export class WebhookDeliveriesQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_DELIVERY_STATUSES, description: 'Only deliveries in this state' })
  @IsOptional()
  @IsIn(WEBHOOK_DELIVERY_STATUSES)
  status?: WebhookDeliveryStatus;

  @ApiPropertyOptional({ description: '0-based page number', minimum: 0, maximum: MAX_PAGE, default: 0 })
  @PageNumber()
  page?: number;

  @ApiPropertyOptional({
    description: `Page size, 1 to ${MAX_PAGE_SIZE}`,
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
    default: WEBHOOK_DELIVERIES_DEFAULT_PAGE_SIZE,
  })
  @PageSize()
  pageSize?: number;
}

export class WebhookDelivery {
  @ApiProperty({ format: 'uuid', description: 'The delivery (a dead one is redelivered by this uuid)' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  eventId!: string;

  @ApiProperty({ example: 'catalog.it-system-usage.updated' })
  eventType!: string;

  @ApiProperty({ description: 'True when queued by a replay' })
  replay!: boolean;

  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status!: WebhookDeliveryStatus;

  @ApiProperty({ type: 'integer', description: 'Attempts made (in the current round, after a redelivery)' })
  attempts!: number;

  @ApiProperty({ format: 'date-time', description: 'When the event was queued for this subscription' })
  createdAt!: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the last attempt was made; null before the first',
  })
  lastAttemptAt!: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'When it was delivered or became dead' })
  finishedAt!: string | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'HTTP status of the last attempt' })
  lastStatus!: number | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  lastError!: string | null;
}

export class WebhookDeliveryPage {
  @ApiProperty({ type: [WebhookDelivery], description: 'Newest first' })
  items!: WebhookDelivery[];

  @ApiProperty({ type: 'integer', example: 0 })
  page!: number;

  @ApiProperty({ type: 'integer', example: WEBHOOK_DELIVERIES_DEFAULT_PAGE_SIZE })
  pageSize!: number;

  @ApiProperty({ type: 'integer', description: 'Deliveries matching the status filter' })
  total!: number;
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
