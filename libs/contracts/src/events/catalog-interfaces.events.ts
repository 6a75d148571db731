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
import { REGISTRATION_SCOPES, type RegistrationScope } from './catalog.events';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

export class ItInterfaceDataRowSnapshot {
  @IsUUID()
  uuid!: string;

  @IsOptional()
  @IsString()
  description!: string | null;

  @IsOptional()
  @IsUUID()
  dataTypeUuid!: string | null;
}

/** What consumers learn about an IT interface: its catalogue state. */
export class ItInterfaceSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  @MaxLength(100)
  name!: string;

  @IsOptional()
  @IsString()
  interfaceId!: string | null;

  @IsOptional()
  @IsString()
  version!: string | null;

  @IsOptional()
  @IsString()
  description!: string | null;

  @IsOptional()
  @IsString()
  urlReference!: string | null;

  @IsOptional()
  @IsString()
  note!: string | null;

  @IsOptional()
  @IsUUID()
  itInterfaceTypeUuid!: string | null;

  @IsIn(REGISTRATION_SCOPES)
  scope!: RegistrationScope;

  @IsBoolean()
  deactivated!: boolean;

  @IsOptional()
  @IsUUID()
  exposedBySystemUuid!: string | null;

  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ItInterfaceDataRowSnapshot)
  data!: ItInterfaceDataRowSnapshot[];

  @IsDateString({ strict: true })
  createdAt!: string;

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class ItInterfaceCreatedV1 {
  @ValidateNested()
  @Type(() => ItInterfaceSnapshot)
  interface!: ItInterfaceSnapshot;
}

export class ItInterfaceUpdatedV1 {
  @ValidateNested()
  @Type(() => ItInterfaceSnapshot)
  interface!: ItInterfaceSnapshot;

  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class ItInterfaceDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  name!: string;

  @IsIn(REGISTRATION_SCOPES)
  scope!: RegistrationScope;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const CatalogInterfaceEvents = {
  itInterfaceCreated: defineEvent('catalog.it-interface.created', 1, ItInterfaceCreatedV1),
  itInterfaceUpdated: defineEvent('catalog.it-interface.updated', 1, ItInterfaceUpdatedV1),
  itInterfaceDeleted: defineEvent('catalog.it-interface.deleted', 1, ItInterfaceDeletedV1),
} as const;
