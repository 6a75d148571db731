import { Type } from 'class-transformer';
import { ArrayMaxSize, IsDateString, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

/** A system relation as consumers learn it: from one usage to another of the same organisation. */
export class SystemRelationSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsUUID()
  fromSystemUsageUuid!: string;

  @IsUUID()
  toSystemUsageUuid!: string;

  @IsOptional()
  @IsUUID()
  relationInterfaceUuid!: string | null;

  @IsOptional()
  @IsUUID()
  associatedContractUuid!: string | null;

  @IsOptional()
  @IsUUID()
  relationFrequencyUuid!: string | null;

  @IsOptional()
  @IsString()
  description!: string | null;

  @IsOptional()
  @IsString()
  urlReference!: string | null;

  @IsDateString({ strict: true })
  createdAt!: string;

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class SystemRelationCreatedV1 {
  @ValidateNested()
  @Type(() => SystemRelationSnapshot)
  relation!: SystemRelationSnapshot;
}

export class SystemRelationUpdatedV1 {
  @ValidateNested()
  @Type(() => SystemRelationSnapshot)
  relation!: SystemRelationSnapshot;

  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

/** Why a relation went: deleted by a user, or with one of its usages. */
export const SYSTEM_RELATION_DELETION_REASONS = ['Requested', 'UsageDeleted'] as const;
export type SystemRelationDeletionReason = (typeof SYSTEM_RELATION_DELETION_REASONS)[number];

export class SystemRelationDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsUUID()
  fromSystemUsageUuid!: string;

  @IsUUID()
  toSystemUsageUuid!: string;

  @IsIn(SYSTEM_RELATION_DELETION_REASONS)
  reason!: SystemRelationDeletionReason;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const CatalogRelationEvents = {
  systemRelationCreated: defineEvent('catalog.system-relation.created', 1, SystemRelationCreatedV1),
  systemRelationUpdated: defineEvent('catalog.system-relation.updated', 1, SystemRelationUpdatedV1),
  systemRelationDeleted: defineEvent('catalog.system-relation.deleted', 1, SystemRelationDeletedV1),
} as const;
