import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsDateString,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ChosenUuid, IsNonEmptyUuid, MAX_PAGE, MAX_PAGE_SIZE, PageNumber, PageSize, Trim } from '../common.dto';
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
  @ChosenUuid()
  uuid?: string;

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

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 50 })
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

  @ApiProperty({ description: 'KITOS API v2 name of hasApiAccess' })
  apiAccess!: boolean;

  @ApiProperty({
    enum: ORGANIZATION_ROLES,
    isArray: true,
    description:
      'KITOS API v2 `roles`: the roles held in the organisation of the path (under /organizations/{uuid}/users), ' +
      'otherwise in any organisation',
  })
  roles!: OrganizationRoleName[];

  @ApiProperty({ type: 'integer' })
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

/** PATCH a user: only the properties sent change. */
export class PatchUserRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ maxLength: 50, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phoneNumber?: string | null;

  @ApiPropertyOptional({ description: "Revoking it makes the user's existing API tokens fail with 403 at once" })
  @IsOptional()
  @IsBoolean()
  hasApiAccess?: boolean;

  @ApiPropertyOptional({ description: 'Global admins only' })
  @IsOptional()
  @IsBoolean()
  hasStakeholderAccess?: boolean;

  @ApiPropertyOptional({ description: 'Global admins only' })
  @IsOptional()
  @IsBoolean()
  isSystemIntegrator?: boolean;
}

export class RoleRequest {
  @ApiProperty({ enum: ORGANIZATION_ROLES })
  @IsIn(ORGANIZATION_ROLES)
  role!: OrganizationRoleName;
}

export class RoleTransferRequest {
  @ApiProperty({ format: 'uuid', description: 'The user who receives the roles' })
  @IsNonEmptyUuid()
  toUserUuid!: string;
}

export class ListOrganizationUsersQuery {
  @ApiPropertyOptional({ description: 'Part of the name or e-mail (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  nameOrEmailQuery?: string;

  @ApiPropertyOptional({ description: 'The e-mail address, whole (case-insensitive); KITOS `emailQuery`' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  emailQuery?: string;

  @ApiPropertyOptional({ enum: ORGANIZATION_ROLES })
  @IsOptional()
  @IsIn(ORGANIZATION_ROLES)
  roleQuery?: OrganizationRoleName;

  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: MAX_PAGE, default: 0 })
  @PageNumber()
  page?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: MAX_PAGE_SIZE })
  @PageSize()
  pageSize?: number;
}

/** What the audit log records. `login.locked` only appears in entries written before accounts stopped being locked. */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'login.locked',
  'token.issued',
  'user.created',
  'rights.changed',
  'scim.credential.changed',
  'scim.user.changed',
  'scim.group.changed',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit entry concerns, read from its action: a sign-in or token, a user, a SCIM group, a SCIM credential. */
export const AUDIT_OBJECT_TYPES = ['session', 'user', 'group', 'credential'] as const;
export type AuditObjectType = (typeof AUDIT_OBJECT_TYPES)[number];

export function auditObjectTypeOf(action: AuditAction): AuditObjectType {
  if (action.startsWith('login.') || action.startsWith('token.')) return 'session';
  if (action === 'scim.group.changed') return 'group';
  if (action === 'scim.credential.changed') return 'credential';
  return 'user';
}

export class AuditLogQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'Entries per page' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    description: '0-based page number (pages of `limit` entries, newest first)',
    minimum: 0,
    maximum: MAX_PAGE,
    default: 0,
  })
  @PageNumber()
  page?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only what this user did' })
  @IsOptional()
  @IsNonEmptyUuid()
  actorUserUuid?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS, description: 'Only this action' })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({
    enum: AUDIT_OBJECT_TYPES,
    description: 'Only entries about this kind of object: session (sign-ins, tokens), user, group (SCIM), credential (SCIM)',
  })
  @IsOptional()
  @IsIn(AUDIT_OBJECT_TYPES)
  objectType?: AuditObjectType;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only entries at or after this time' })
  @IsOptional()
  @IsDateString({ strict: true })
  since?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only entries before this time' })
  @IsOptional()
  @IsDateString({ strict: true })
  until?: string;
}

export class AuditEntryResponse {
  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'login.failed' })
  action!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  actorUserUuid!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  subjectUuid!: string | null;

  @ApiProperty({ type: [String] })
  organizationUuids!: string[];

  @ApiProperty()
  detail!: string;

  @ApiProperty()
  correlationId!: string;
}

/** The audit log's answer on the bus: one page of entries and how many match the filters in all (the gateway's X-Total-Count). */
export interface AuditLogRpcResponse {
  items: AuditEntryResponse[];
  total: number;
}
