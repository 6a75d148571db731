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
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

export const REGISTRATION_SCOPES = ['Local', 'Global'] as const;
export type RegistrationScope = (typeof REGISTRATION_SCOPES)[number];

/** Rigsarkivet's recommended archive duty of a system (KITOS `RecommendedArchiveDutyChoice`); Undecided = none given. */
export const ARCHIVE_DUTY_RECOMMENDATIONS = ['Undecided', 'B', 'K', 'NoRecommendation', 'PreserveDataCanDiscardDocuments'] as const;
export type ArchiveDutyRecommendation = (typeof ARCHIVE_DUTY_RECOMMENDATIONS)[number];

export class ItSystemExternalReferenceSnapshot {
  @IsUUID()
  uuid!: string;

  @IsString()
  title!: string;

  @IsOptional()
  @IsString()
  documentId!: string | null;

  @IsOptional()
  @IsString()
  url!: string | null;

  @IsBoolean()
  masterReference!: boolean;
}

/** What consumers learn about an IT system: its public catalogue state. */
export class ItSystemSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  @MaxLength(100)
  name!: string;

  @IsOptional()
  @IsString()
  formerName!: string | null;

  @IsOptional()
  @IsString()
  description!: string | null;

  @IsIn(REGISTRATION_SCOPES)
  scope!: RegistrationScope;

  @IsBoolean()
  deactivated!: boolean;

  @IsDateString({ strict: true })
  createdAt!: string;

  @IsDateString({ strict: true })
  lastModified!: string;

  // Added within v1: optional, so events written before them stay valid.

  @IsOptional()
  @IsUUID()
  externalUuid?: string | null;

  @IsOptional()
  @IsUUID()
  parentUuid?: string | null;

  @IsOptional()
  @IsUUID()
  rightsHolderUuid?: string | null;

  @IsOptional()
  @IsUUID()
  businessTypeUuid?: string | null;

  @IsOptional()
  @IsArray()
  @IsUUID(undefined, { each: true })
  kleUuids?: string[];

  @IsOptional()
  @IsIn(ARCHIVE_DUTY_RECOMMENDATIONS)
  recommendedArchiveDuty?: ArchiveDutyRecommendation;

  @IsOptional()
  @IsString()
  recommendedArchiveDutyComment?: string | null;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ItSystemExternalReferenceSnapshot)
  externalReferences?: ItSystemExternalReferenceSnapshot[];

  /** Why a rights holder deactivated the system (KITOS: mandatory when they do). */
  @IsOptional()
  @IsString()
  deactivationReason?: string | null;

  @IsOptional()
  @IsUUID()
  createdByUserUuid?: string | null;

  @IsOptional()
  @IsUUID()
  lastModifiedByUserUuid?: string | null;
}

export class ItSystemCreatedV1 {
  @ValidateNested()
  @Type(() => ItSystemSnapshot)
  system!: ItSystemSnapshot;
}

export class ItSystemUpdatedV1 {
  @ValidateNested()
  @Type(() => ItSystemSnapshot)
  system!: ItSystemSnapshot;

  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class ItSystemDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  name!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const CatalogEvents = {
  itSystemCreated: defineEvent('catalog.it-system.created', 1, ItSystemCreatedV1),
  itSystemUpdated: defineEvent('catalog.it-system.updated', 1, ItSystemUpdatedV1),
  itSystemDeleted: defineEvent('catalog.it-system.deleted', 1, ItSystemDeletedV1),
} as const;
