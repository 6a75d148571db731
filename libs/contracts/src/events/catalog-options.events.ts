import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Min, ValidateNested } from 'class-validator';
import { OPTION_TYPE_KINDS, type OptionTypeKind } from '../rpc/catalog/options.dto';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

/** A global value of an option type, as maintained by global administrators. */
export class OptionSnapshot {
  @IsUUID()
  uuid!: string;

  @IsIn(OPTION_TYPE_KINDS)
  kind!: OptionTypeKind;

  @IsString()
  name!: string;

  @IsOptional()
  @IsString()
  description!: string | null;

  @IsBoolean()
  isObligatory!: boolean;

  @IsBoolean()
  isEnabled!: boolean;

  @IsInt()
  @Min(0)
  priority!: number;

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class OptionCreatedV1 {
  @ValidateNested()
  @Type(() => OptionSnapshot)
  option!: OptionSnapshot;
}

export class OptionUpdatedV1 {
  @ValidateNested()
  @Type(() => OptionSnapshot)
  option!: OptionSnapshot;

  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

/**
 * One organisation's setting of one value (KITOS `LocalOptionEntity`): activation and a description override.
 * Whether the value is available there follows from this and the global value: enabled and (obligatory or active).
 */
export class LocalOptionSnapshot {
  /** The setting's own id (deterministic from organisation and value). */
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsIn(OPTION_TYPE_KINDS)
  kind!: OptionTypeKind;

  @IsUUID()
  optionUuid!: string;

  @IsBoolean()
  isActive!: boolean;

  @IsOptional()
  @IsString()
  description!: string | null;

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class LocalOptionCreatedV1 {
  @ValidateNested()
  @Type(() => LocalOptionSnapshot)
  setting!: LocalOptionSnapshot;
}

export class LocalOptionUpdatedV1 {
  @ValidateNested()
  @Type(() => LocalOptionSnapshot)
  setting!: LocalOptionSnapshot;

  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export const CatalogOptionEvents = {
  optionCreated: defineEvent('catalog.option.created', 1, OptionCreatedV1),
  optionUpdated: defineEvent('catalog.option.updated', 1, OptionUpdatedV1),
  localOptionCreated: defineEvent('catalog.local-option.created', 1, LocalOptionCreatedV1),
  localOptionUpdated: defineEvent('catalog.local-option.updated', 1, LocalOptionUpdatedV1),
} as const;
