import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateNested,
  IsInt,
  Min,
} from 'class-validator';
import {
  LIFE_CYCLE_STATUSES,
  USAGE_VALIDITY_ERRORS,
  type LifeCycleStatus,
  type UsageValidityError,
} from '../rpc/catalog/it-system-usage.dto';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The validity of a usage when the event was recorded (valid is computed for that day, Europe/Copenhagen). */
export class UsageValiditySummary {
  @IsOptional()
  @IsIn(LIFE_CYCLE_STATUSES)
  lifeCycleStatus!: LifeCycleStatus | null;

  @IsOptional()
  @Matches(DAY)
  validFrom!: string | null;

  @IsOptional()
  @Matches(DAY)
  validTo!: string | null;

  @IsBoolean()
  valid!: boolean;

  @IsArray()
  @IsIn(USAGE_VALIDITY_ERRORS, { each: true })
  invalidReasons!: UsageValidityError[];
}

/**
 * What consumers learn about a usage: who uses which system, under which local name, whether it is in use and by
 * which units. The system name is the one at the time of the event; consumers that show names join by systemUuid.
 */
export class ItSystemUsageSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsUUID()
  systemUuid!: string;

  @IsOptional()
  @IsString()
  systemName!: string | null;

  @IsOptional()
  @IsString()
  localCallName!: string | null;

  @IsOptional()
  @IsString()
  localSystemId!: string | null;

  @ValidateNested()
  @Type(() => UsageValiditySummary)
  validity!: UsageValiditySummary;

  @IsArray()
  @IsUUID('all', { each: true })
  usingOrganizationUnitUuids!: string[];

  @IsOptional()
  @IsUUID()
  responsibleOrganizationUnitUuid!: string | null;

  @IsDateString({ strict: true })
  createdAt!: string;

  @IsDateString({ strict: true })
  lastModified!: string;

  // Added for reporting (optional: earlier events lack them).

  /** Free-text note [Note]. Private to the organisation in cross-organisation reports (sharing rules). */
  @IsOptional()
  @IsString()
  notes?: string | null;

  /** Expected number of users [Antal brugere], as an interval; upper bound null = open-ended. */
  @IsOptional()
  @IsInt()
  @Min(0)
  expectedUsersLowerBound?: number | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  expectedUsersUpperBound?: number | null;
}

export class ItSystemUsageCreatedV1 {
  @ValidateNested()
  @Type(() => ItSystemUsageSnapshot)
  usage!: ItSystemUsageSnapshot;
}

export class ItSystemUsageUpdatedV1 {
  @ValidateNested()
  @Type(() => ItSystemUsageSnapshot)
  usage!: ItSystemUsageSnapshot;

  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class ItSystemUsageDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsUUID()
  systemUuid!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const CatalogUsageEvents = {
  itSystemUsageCreated: defineEvent('catalog.it-system-usage.created', 1, ItSystemUsageCreatedV1),
  itSystemUsageUpdated: defineEvent('catalog.it-system-usage.updated', 1, ItSystemUsageUpdatedV1),
  itSystemUsageDeleted: defineEvent('catalog.it-system-usage.deleted', 1, ItSystemUsageDeletedV1),
} as const;
