import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IdentityNamePair, IsNonEmptyUuid, ToBoolean, Trim } from '../common.dto';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_MESSAGE = '$property must be a day (YYYY-MM-DD)';

/** The objects a reminder (advis) can be about (KITOS `RelatedEntityType`: itContract, itSystemUsage, dataProcessingRegistration). */
export const REMINDER_ENTITY_TYPES = ['ItContract', 'ItSystemUsage', 'DataProcessingRegistration'] as const;
export type ReminderEntityType = (typeof REMINDER_ENTITY_TYPES)[number];

/** KITOS `Scheduling`: Day, Week, Month, Quarter, Semiannual (here HalfYear), Year. */
export const REMINDER_REPETITIONS = ['Day', 'Week', 'Month', 'Quarter', 'HalfYear', 'Year'] as const;
export type ReminderRepetition = (typeof REMINDER_REPETITIONS)[number];

/** KITOS `AdviceType`: sent once at once, or repeated on a schedule. */
export const REMINDER_TYPES = ['Immediate', 'Repeat'] as const;
export type ReminderType = (typeof REMINDER_TYPES)[number];

/** Deadlines the automatic reminders follow, each from the event of the service that owns it. */
export const REMINDER_DEADLINE_KINDS = [
  'ContractNoticeDeadline',
  'ContractIrrevocableUntil',
  'ContractExtensionOption',
  'DataProcessingOversight',
  'ArchiveDelivery',
] as const;
export type ReminderDeadlineKind = (typeof REMINDER_DEADLINE_KINDS)[number];

/** What became of one occurrence. */
export const REMINDER_DELIVERY_STATUSES = ['Pending', 'Sent', 'Undeliverable', 'MailDisabled', 'Skipped'] as const;
export type ReminderDeliveryStatus = (typeof REMINDER_DELIVERY_STATUSES)[number];

export const REMINDER_RECIPIENTS_MAX = 50;
export const DEFAULT_LEAD_DAYS = [90, 30, 7] as const;

export class ReminderRelatedEntity {
  @ApiProperty({ enum: REMINDER_ENTITY_TYPES, example: 'ItContract' })
  @IsIn(REMINDER_ENTITY_TYPES)
  type!: ReminderEntityType;

  @ApiProperty({ format: 'uuid' })
  @IsNonEmptyUuid()
  uuid!: string;
}

/** Recipients of one kind (To or Cc): holders of per-object roles on the related object, and fixed addresses. */
export class ReminderRecipients {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Role types on the related object; every user holding one of them on the object receives the mail',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REMINDER_RECIPIENTS_MAX)
  @ArrayUnique()
  @IsNonEmptyUuid({ each: true })
  roleUuids?: string[];

  @ApiPropertyOptional({ type: [String], example: ['kontrakter@kommune.dk'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(REMINDER_RECIPIENTS_MAX)
  @ArrayUnique()
  @IsEmail({}, { each: true })
  @MaxLength(320, { each: true })
  emails?: string[];
}

export class ReminderSchedule {
  @ApiProperty({ example: '2026-01-31', description: 'First occurrence (Danish calendar day)' })
  @Matches(DAY, { message: DAY_MESSAGE })
  startDate!: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: '2026-12-31', description: 'Last possible occurrence; none = open-ended' })
  @IsOptional()
  @Matches(DAY, { message: DAY_MESSAGE })
  endDate?: string | null;

  @ApiProperty({
    enum: REMINDER_REPETITIONS,
    description: 'Counted from the start day: monthly from 31 January falls on 28/29 February, then 31 March',
  })
  @IsIn(REMINDER_REPETITIONS)
  repetition!: ReminderRepetition;
}

export class CreateReminderRequest {
  @ApiProperty({ type: ReminderRelatedEntity })
  @ValidateNested()
  @Type(() => ReminderRelatedEntity)
  relatedEntity!: ReminderRelatedEntity;

  @ApiProperty({ enum: REMINDER_TYPES, description: 'Immediate is sent once right away; Repeat needs a schedule' })
  @IsIn(REMINDER_TYPES)
  type!: ReminderType;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200, example: 'Genforhandling af driftsaftale' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiProperty({ maxLength: 300, example: 'Husk genforhandling af kontrakten' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  subject!: string;

  @ApiProperty({ maxLength: 10000, example: 'Kontrakten skal genforhandles før opsigelsesfristen.' })
  @IsString()
  @MaxLength(10000)
  body!: string;

  @ApiProperty({ type: ReminderRecipients })
  @ValidateNested()
  @Type(() => ReminderRecipients)
  to!: ReminderRecipients;

  @ApiPropertyOptional({ type: ReminderRecipients })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderRecipients)
  cc?: ReminderRecipients | null;

  @ApiPropertyOptional({ type: ReminderSchedule, description: 'Required for Repeat, refused for Immediate' })
  @ValidateIf((o: CreateReminderRequest) => o.type === 'Repeat' || (o.schedule !== undefined && o.schedule !== null))
  @ValidateNested()
  @Type(() => ReminderSchedule)
  schedule?: ReminderSchedule | null;
}

/** PATCH: only what is sent changes. The related object and the type are fixed. */
export class PatchReminderRequest {
  @ApiPropertyOptional({ maxLength: 200, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ maxLength: 300 })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  subject?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @MaxLength(10000)
  body?: string;

  @ApiPropertyOptional({ type: ReminderRecipients })
  @ValidateIf((_, v) => v !== undefined)
  @ValidateNested()
  @Type(() => ReminderRecipients)
  to?: ReminderRecipients;

  @ApiPropertyOptional({ type: ReminderRecipients, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReminderRecipients)
  cc?: ReminderRecipients | null;

  @ApiPropertyOptional({ type: ReminderSchedule, description: 'Repeat reminders only' })
  @ValidateIf((_, v) => v !== undefined)
  @ValidateNested()
  @Type(() => ReminderSchedule)
  schedule?: ReminderSchedule;
}

export class ListRemindersQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The organisation whose reminders to list (or give relatedEntityUuid)' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ enum: REMINDER_ENTITY_TYPES })
  @IsOptional()
  @IsIn(REMINDER_ENTITY_TYPES)
  relatedEntityType?: ReminderEntityType;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only reminders about this object, automatic ones included' })
  @IsOptional()
  @IsNonEmptyUuid()
  relatedEntityUuid?: string;

  @ApiPropertyOptional({ description: 'Include deactivated reminders', default: false })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeInactive?: boolean;
}

export class ReminderAutomaticResponse {
  @ApiProperty({ enum: REMINDER_DEADLINE_KINDS })
  deadline!: ReminderDeadlineKind;

  @ApiProperty({ example: '2026-09-30', description: 'The deadline it warns about, as the owning service last reported it' })
  deadlineDate!: string;

  @ApiProperty({ type: 'integer', example: 30 })
  leadDays!: number;
}

export class ReminderRecipientsResponse {
  @ApiProperty({ type: [String], format: 'uuid' })
  roleUuids!: string[];

  @ApiProperty({ type: [String] })
  emails!: string[];
}

export class ReminderScheduleResponse {
  @ApiProperty()
  startDate!: string;

  @ApiProperty({ nullable: true, type: String })
  endDate!: string | null;

  @ApiProperty({ enum: REMINDER_REPETITIONS })
  repetition!: ReminderRepetition;
}

export class ReminderRelatedEntityResponse extends IdentityNamePair {
  @ApiProperty({ enum: REMINDER_ENTITY_TYPES })
  type!: ReminderEntityType;
}

export class ReminderResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ type: ReminderRelatedEntityResponse })
  relatedEntity!: ReminderRelatedEntityResponse;

  @ApiProperty({ enum: REMINDER_TYPES })
  type!: ReminderType;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty()
  subject!: string;

  @ApiProperty()
  body!: string;

  @ApiProperty({ type: ReminderRecipientsResponse })
  to!: ReminderRecipientsResponse;

  @ApiProperty({ type: ReminderRecipientsResponse })
  cc!: ReminderRecipientsResponse;

  @ApiProperty({ type: ReminderScheduleResponse, nullable: true })
  schedule!: ReminderScheduleResponse | null;

  @ApiProperty({ description: 'Deactivated reminders send nothing more' })
  active!: boolean;

  @ApiProperty({ type: ReminderAutomaticResponse, nullable: true, description: 'Set on automatic deadline reminders (read-only)' })
  automatic!: ReminderAutomaticResponse | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'When the next occurrence is due' })
  nextOccurrenceAt!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  createdByUuid!: string | null;

  @ApiProperty({ format: 'date-time' })
  created!: string;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: 'integer', description: 'Version, also sent as ETag' })
  version!: number;
}

export class ReminderDeliveryResponse {
  @ApiProperty({ example: '2026-02-28', description: 'The occurrence day (the creation day for Immediate)' })
  occurrence!: string;

  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ enum: REMINDER_DELIVERY_STATUSES })
  status!: ReminderDeliveryStatus;

  @ApiProperty({ description: 'Sent after the scheduler was down or behind' })
  late!: boolean;

  @ApiProperty({ type: 'integer', description: 'Attempt number (a claim whose lease ran out is taken over by the next attempt)' })
  attempt!: number;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  sentAt!: string | null;

  @ApiProperty({ type: [String] })
  to!: string[];

  @ApiProperty({ type: [String] })
  cc!: string[];

  @ApiProperty({ nullable: true, type: String })
  error!: string | null;
}

export class ReminderSettingsRequest {
  @ApiProperty({ type: ReminderRecipients, description: 'Who receives automatic deadline reminders' })
  @ValidateNested()
  @Type(() => ReminderRecipients)
  to!: ReminderRecipients;

  @ApiPropertyOptional({ type: [Number], example: [90, 30, 7], description: 'Days before each deadline (default 90, 30 and 7)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(730, { each: true })
  leadDays?: number[];

  @ApiPropertyOptional({ enum: REMINDER_DEADLINE_KINDS, isArray: true, description: 'Deadlines to remind of (default all)' })
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsIn(REMINDER_DEADLINE_KINDS, { each: true })
  deadlines?: ReminderDeadlineKind[];

  @ApiPropertyOptional({ default: true, description: 'Off: no automatic reminders in this organisation' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class ReminderSettingsResponse {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty()
  enabled!: boolean;

  @ApiProperty({ type: ReminderRecipientsResponse })
  to!: ReminderRecipientsResponse;

  @ApiProperty({ type: [Number] })
  leadDays!: number[];

  @ApiProperty({ enum: REMINDER_DEADLINE_KINDS, isArray: true })
  deadlines!: ReminderDeadlineKind[];

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Null while the defaults apply' })
  lastModified!: string | null;

  @ApiProperty({ type: 'integer', description: 'Incremented by every save (the ETag); 0 while the defaults apply' })
  version!: number;
}

export class ListAlertsQuery {
  @ApiProperty({ format: 'uuid' })
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeDismissed?: boolean;
}

export class AlertResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The user the alert is for (the reminder owner)' })
  ownerUuid!: string | null;

  @ApiProperty({ format: 'uuid' })
  reminderUuid!: string;

  @ApiProperty({ type: ReminderRelatedEntityResponse })
  relatedEntity!: ReminderRelatedEntityResponse;

  @ApiProperty()
  occurrence!: string;

  @ApiProperty({ example: 'Advis "Husk genforhandling" kunne ikke sendes: mailserveren svarer ikke' })
  message!: string;

  @ApiProperty({ enum: ['MailDisabled', 'SmtpFailed', 'NoRecipients', 'RecipientsRejected', 'AttemptsExhausted'] })
  reason!: string;

  @ApiProperty({ format: 'date-time' })
  created!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  dismissedAt!: string | null;
}

/** Payloads on the bus (the gateway sends them with the caller). */
export interface ReminderUuidRpc {
  uuid: string;
}
export interface PatchReminderRpc {
  uuid: string;
  expectedVersion?: number;
  changes: Partial<PatchReminderRequest>;
}
export interface ReminderSettingsRpc {
  organizationUuid: string;
  body?: ReminderSettingsRequest;
}
