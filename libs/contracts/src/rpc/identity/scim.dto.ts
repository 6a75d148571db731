import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Trim } from '../common.dto';

/** Request/reply subjects of SCIM 2.0 provisioning (identity answers; docs/identity.md "SCIM provisioning"). */
export const ScimRpc = {
  createCredential: 'rpc.identity.scim.credential.create',
  listCredentials: 'rpc.identity.scim.credential.list',
  revokeCredential: 'rpc.identity.scim.credential.revoke',
  getGroupMappings: 'rpc.identity.scim.group-mapping.get',
  putGroupMappings: 'rpc.identity.scim.group-mapping.put',
  /** The SCIM protocol itself: `{ credential, organizationUuid?, resource, operation, id?, body?, query? }`. */
  protocol: 'rpc.identity.scim.protocol',
} as const;

/** Organisation roles a SCIM group may grant (rights-holder access stays with global administrators). */
export const SCIM_GROUP_ROLES = ['User', 'LocalAdmin', 'OrganizationModuleAdmin', 'SystemModuleAdmin', 'ContractModuleAdmin'] as const;
export type ScimGroupRole = (typeof SCIM_GROUP_ROLES)[number];

export const SCIM_SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

export type ScimResource = 'Users' | 'Groups';
export type ScimOperation = 'create' | 'get' | 'list' | 'replace' | 'patch' | 'delete';

export class CreateScimCredentialRequest {
  @ApiPropertyOptional({ maxLength: 200, description: 'What the credential is for, e.g. "Entra ID provisioning"' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class ScimCredentialResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The local administrator who created it' })
  createdByUserUuid!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Set once revoked; refused from then on' })
  revokedAt!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date-time' })
  lastUsedAt!: string | null;
}

export class ScimCredentialSecretResponse extends ScimCredentialResponse {
  @ApiProperty({ description: 'The bearer token for the SCIM client. Shown only in this answer: only a hash of it is stored.' })
  secret!: string;
}

export class ScimGroupMapping {
  @ApiProperty({ maxLength: 256, description: "The SCIM group's displayName (case-insensitive)" })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(256)
  displayName!: string;

  @ApiProperty({ enum: SCIM_GROUP_ROLES, description: 'The organisation role a member of the group holds' })
  @IsIn(SCIM_GROUP_ROLES)
  role!: ScimGroupRole;
}

export class ScimGroupMappingsRequest {
  @ApiProperty({ type: [ScimGroupMapping], maxItems: 200 })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ScimGroupMapping)
  mappings!: ScimGroupMapping[];
}

export class ScimGroupMappingsResponse {
  @ApiProperty({ type: [ScimGroupMapping] })
  mappings!: ScimGroupMapping[];

  @ApiProperty({ description: 'Incremented by every write of the mappings (0 while never written); the ETag header holds it' })
  version!: number;
}
