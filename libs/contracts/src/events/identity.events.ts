import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { ORGANIZATION_ROLES, ORGANIZATION_TYPES, type OrganizationRoleName, type OrganizationType } from '../rpc/identity/roles';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

/** An organisation's role contact (data controller, DPO): role contact details, not a private person's data. */
export class OrganizationContactSnapshot {
  @IsOptional()
  @IsString()
  name?: string | null;

  @IsOptional()
  @IsString()
  email?: string | null;

  @IsOptional()
  @IsString()
  phone?: string | null;
}

/** What other services keep of an organisation: name, CVR and type (public in KITOS). */
export class OrganizationSnapshot {
  @IsUUID()
  uuid!: string;

  @IsString()
  name!: string;

  @IsOptional()
  @IsString()
  cvr!: string | null;

  @IsIn(ORGANIZATION_TYPES)
  organizationType!: OrganizationType;

  // Master data the gdpr service's Article 30 record needs (optional: earlier events lack them).

  @IsOptional()
  @IsString()
  address?: string | null;

  @IsOptional()
  @IsString()
  email?: string | null;

  @IsOptional()
  @IsString()
  phone?: string | null;

  /** Data controller contact [Dataansvarlig]. */
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganizationContactSnapshot)
  dataController?: OrganizationContactSnapshot | null;

  /** Data protection officer [DPO]. */
  @IsOptional()
  @ValidateNested()
  @Type(() => OrganizationContactSnapshot)
  dataProtectionOfficer?: OrganizationContactSnapshot | null;
}

export class OrganizationCreatedV1 {
  @ValidateNested()
  @Type(() => OrganizationSnapshot)
  organization!: OrganizationSnapshot;
}

export class OrganizationUpdatedV1 {
  @ValidateNested()
  @Type(() => OrganizationSnapshot)
  organization!: OrganizationSnapshot;

  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class OrganizationDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsString()
  name!: string;
}

export class RightSnapshot {
  @IsUUID()
  organizationUuid!: string;

  @IsIn(ORGANIZATION_ROLES)
  role!: OrganizationRoleName;
}

/** Users as other services need them: a name to show and the organisations they belong to (no e-mail: personal data stays in identity). */
export class UserSnapshot {
  @IsUUID()
  uuid!: string;

  @IsString()
  name!: string;

  @IsBoolean()
  isGlobalAdmin!: boolean;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => RightSnapshot)
  rights!: RightSnapshot[];
}

export class UserCreatedV1 {
  @ValidateNested()
  @Type(() => UserSnapshot)
  user!: UserSnapshot;
}

export class UserUpdatedV1 {
  @ValidateNested()
  @Type(() => UserSnapshot)
  user!: UserSnapshot;

  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class UserDeletedV1 {
  @IsUUID()
  uuid!: string;
}

/** A unit of an organisation's tree, as other services keep it (responsible units, using units). */
export class OrganizationUnitSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  name!: string;

  @IsOptional()
  @IsUUID()
  parentUuid!: string | null;
}

export class OrganizationUnitChangedV1 {
  @ValidateNested()
  @Type(() => OrganizationUnitSnapshot)
  unit!: OrganizationUnitSnapshot;
}

export class OrganizationUnitDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;
}

/** A per-object role definition, as the modules whose objects carry roles keep it. */
export class RoleTypeSnapshot {
  @IsUUID()
  uuid!: string;

  @IsString()
  objectType!: string;

  @IsString()
  name!: string;

  @IsBoolean()
  hasReadAccess!: boolean;

  @IsBoolean()
  hasWriteAccess!: boolean;

  @IsBoolean()
  isEnabled!: boolean;

  /** Organisations that switched the role off locally (absent in earlier events: none). */
  @IsOptional()
  @IsArray()
  @IsUUID(undefined, { each: true })
  disabledInOrganizationUuids?: string[];
}

export class RoleTypeChangedV1 {
  @ValidateNested()
  @Type(() => RoleTypeSnapshot)
  roleType!: RoleTypeSnapshot;
}

/** A role holder added to or removed from an organisation unit. */
export class OrganizationUnitRoleChangedV1 {
  @IsUUID()
  organizationUuid!: string;

  @IsUUID()
  unitUuid!: string;

  @IsUUID()
  roleUuid!: string;

  @IsString()
  roleName!: string;

  @IsUUID()
  userUuid!: string;
}

export const IdentityEvents = {
  organizationCreated: defineEvent('identity.organization.created', 1, OrganizationCreatedV1),
  organizationUpdated: defineEvent('identity.organization.updated', 1, OrganizationUpdatedV1),
  organizationDeleted: defineEvent('identity.organization.deleted', 1, OrganizationDeletedV1),
  userCreated: defineEvent('identity.user.created', 1, UserCreatedV1),
  userUpdated: defineEvent('identity.user.updated', 1, UserUpdatedV1),
  userDeleted: defineEvent('identity.user.deleted', 1, UserDeletedV1),
  organizationUnitCreated: defineEvent('identity.organization-unit.created', 1, OrganizationUnitChangedV1),
  organizationUnitUpdated: defineEvent('identity.organization-unit.updated', 1, OrganizationUnitChangedV1),
  organizationUnitDeleted: defineEvent('identity.organization-unit.deleted', 1, OrganizationUnitDeletedV1),
  roleTypeCreated: defineEvent('identity.role-type.created', 1, RoleTypeChangedV1),
  roleTypeUpdated: defineEvent('identity.role-type.updated', 1, RoleTypeChangedV1),
  organizationUnitRoleAdded: defineEvent('identity.organization-unit.role-added', 1, OrganizationUnitRoleChangedV1),
  organizationUnitRoleRemoved: defineEvent('identity.organization-unit.role-removed', 1, OrganizationUnitRoleChangedV1),
} as const;
