import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDateString, IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

export const REGISTRATION_SCOPES = ['Local', 'Global'] as const;
export type RegistrationScope = (typeof REGISTRATION_SCOPES)[number];

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
