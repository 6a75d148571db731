import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ChosenUuid, IsNonEmptyUuid, PageQuery, ToBoolean, Trim } from '../common.dto';
import { ORGANIZATION_TYPES, isValidCvr, type OrganizationType } from './roles';

export function IsCvr(): PropertyDecorator {
  return ValidateBy({
    name: 'isCvr',
    validator: { validate: isValidCvr, defaultMessage: () => '$property must be a valid Danish CVR number (8 digits, modulus 11)' },
  });
}

export class ContactDetails {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string | null;
}

/** An organisation's contact details, data controller and DPO: the master data its local administrators keep. */
export class OrganizationContactFields {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  address?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 200 })
  @IsOptional()
  @IsEmail()
  @MaxLength(200)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string | null;

  @ApiPropertyOptional({ type: ContactDetails })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDetails)
  contactPerson?: ContactDetails | null;

  @ApiPropertyOptional({ type: ContactDetails, description: 'Data controller [Dataansvarlig]' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDetails)
  dataController?: ContactDetails | null;

  @ApiPropertyOptional({ type: ContactDetails, description: 'Data protection officer [DPO]' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContactDetails)
  dataProtectionOfficer?: ContactDetails | null;
}

export class CreateOrganizationRequest extends OrganizationContactFields {
  @ChosenUuid()
  uuid?: string;

  @ApiProperty({ maxLength: 100, example: 'Aarhus Kommune' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '55133018',
    description: 'Danish CVR number (validated with modulus 11); unique',
  })
  @IsOptional()
  @IsCvr()
  cvr?: string | null;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  @IsIn(ORGANIZATION_TYPES)
  organizationType!: OrganizationType;
}

/**
 * A change of an organisation: only the fields sent. Name, CVR and type are for global administrators; contact details,
 * data controller and DPO also for the organisation's local administrators.
 */
export class PatchOrganizationRequest extends OrganizationContactFields {
  @ApiPropertyOptional({ maxLength: 100, example: 'Aarhus Kommune' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '55133018', description: 'Danish CVR number (modulus 11); unique' })
  @IsOptional()
  @IsCvr()
  cvr?: string | null;

  @ApiPropertyOptional({ enum: ORGANIZATION_TYPES })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(ORGANIZATION_TYPES)
  organizationType?: OrganizationType;
}

export class ListOrganizationsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameContent?: string;

  @ApiPropertyOptional({ description: 'Start of the CVR number' })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  cvrContent?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name, or part of the CVR number (KITOS `nameOrCvrContent`)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameOrCvrContent?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the organisation with this uuid (KITOS `uuid`)' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Only organisations where the caller holds a role (KITOS `onlyWhereUserHasMembership`)',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  onlyWhereUserHasMembership?: boolean;
}

/** An organisation's master data [Stamdata]. */
export class OrganizationMasterData {
  @ApiProperty({ type: String, nullable: true })
  address!: string | null;

  @ApiProperty({ type: String, nullable: true })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: ContactDetails, nullable: true })
  contactPerson!: ContactDetails | null;

  @ApiProperty({ type: ContactDetails, nullable: true, description: 'Data controller [Dataansvarlig]' })
  dataController!: ContactDetails | null;

  @ApiProperty({ type: ContactDetails, nullable: true })
  dataProtectionOfficer!: ContactDetails | null;
}

/** What anyone signed in may read about an organisation (KITOS `ShallowOrganizationResponseDTO` plus type). */
export class OrganizationResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  cvr!: string | null;

  @ApiProperty({ enum: ORGANIZATION_TYPES })
  organizationType!: OrganizationType;

  @ApiPropertyOptional({
    type: OrganizationMasterData,
    nullable: true,
    description: 'Master data; only for members of the organisation and global admins',
  })
  masterData?: OrganizationMasterData | null;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
