import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsNonEmptyUuid, Trim } from '../common.dto';
import { ORGANIZATION_ROLES, type OrganizationRoleName } from './roles';

export class OrganizationRight {
  @ApiProperty({ format: 'uuid' })
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @ApiProperty({ enum: ORGANIZATION_ROLES })
  @IsIn(ORGANIZATION_ROLES)
  role!: OrganizationRoleName;
}

export class CreateUserRequest {
  @ApiProperty({ maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName!: string;

  @ApiProperty({ maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName!: string;

  @ApiProperty({ maxLength: 200, description: 'Unique (case-insensitive)' })
  @Trim()
  @IsEmail()
  @MaxLength(200)
  email!: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phoneNumber?: string | null;

  @ApiPropertyOptional({ minLength: 12, maxLength: 200, description: 'For local login; users who sign in with SAML need none' })
  @IsOptional()
  @IsString()
  @MinLength(12)
  @MaxLength(200)
  password?: string;

  @ApiPropertyOptional({ default: false, description: 'May get API tokens (and then only tokens)' })
  @IsOptional()
  @IsBoolean()
  hasApiAccess?: boolean;

  @ApiPropertyOptional({
    default: false,
    description: 'Stakeholder [Interessentadgang]: reads all systems and interfaces; global admins only',
  })
  @IsOptional()
  @IsBoolean()
  hasStakeholderAccess?: boolean;

  @ApiPropertyOptional({ default: false, description: 'System integrator; global admins only' })
  @IsOptional()
  @IsBoolean()
  isSystemIntegrator?: boolean;

  @ApiPropertyOptional({ type: [OrganizationRight] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => OrganizationRight)
  rights?: OrganizationRight[];
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  lastName!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty({ nullable: true, type: String })
  phoneNumber!: string | null;

  @ApiProperty()
  hasApiAccess!: boolean;

  @ApiProperty()
  hasStakeholderAccess!: boolean;

  @ApiProperty()
  isSystemIntegrator!: boolean;

  @ApiProperty()
  isGlobalAdmin!: boolean;

  @ApiProperty({ type: [OrganizationRight] })
  rights!: OrganizationRight[];

  @ApiProperty()
  version!: number;
}

export class LoginRequest {
  @ApiProperty({ example: 'admin@kitos.local' })
  @IsString()
  @MaxLength(200)
  email!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password!: string;
}

/** KITOS `POST /api/authorize/GetToken` response. */
export class GetTokenResponse {
  @ApiProperty()
  token!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  loginSuccessful!: boolean;

  @ApiProperty({ format: 'date-time' })
  expires!: string;
}
