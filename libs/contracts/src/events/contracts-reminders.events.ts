import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { REMINDER_ENTITY_TYPES, REMINDER_TYPES, type ReminderEntityType, type ReminderType } from '../rpc/contracts/reminders.dto';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

/** A reminder (advis) as other services may follow it; subject, body and recipients stay in the contracts service. */
export class ReminderSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsIn(REMINDER_ENTITY_TYPES)
  relatedEntityType!: ReminderEntityType;

  @IsUUID()
  relatedEntityUuid!: string;

  @IsIn(REMINDER_TYPES)
  type!: ReminderType;

  @IsOptional()
  @IsString()
  name!: string | null;

  @IsBoolean()
  active!: boolean;

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class ReminderCreatedV1 {
  @ValidateNested()
  @Type(() => ReminderSnapshot)
  reminder!: ReminderSnapshot;
}

export class ReminderUpdatedV1 {
  @ValidateNested()
  @Type(() => ReminderSnapshot)
  reminder!: ReminderSnapshot;

  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class ReminderDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const ReminderEvents = {
  reminderCreated: defineEvent('contracts.reminder.created', 1, ReminderCreatedV1),
  reminderUpdated: defineEvent('contracts.reminder.updated', 1, ReminderUpdatedV1),
  reminderDeleted: defineEvent('contracts.reminder.deleted', 1, ReminderDeletedV1),
} as const;
