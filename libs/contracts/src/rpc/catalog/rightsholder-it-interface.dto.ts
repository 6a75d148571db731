import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';
import { IT_INTERFACE_TEXT_MAX, ListItInterfacesQuery, PatchItInterfaceRequest, UpdateItInterfaceRequest } from './it-interface.dto';
import { DeactivateItSystemRequest } from './it-system.dto';

/**
 * What a rights holder maintains of an interface (KITOS `RightsHolderWritableItInterfacePropertiesDTO`): PUT replaces
 * it. The exposing system must be one the caller is rights holder for; description is required as in KITOS.
 */
export class RightsHolderPutItInterfaceRequest extends PickType(UpdateItInterfaceRequest, [
  'name',
  'interfaceId',
  'version',
  'urlReference',
] as const) {
  @ApiProperty({ format: 'uuid', description: 'The IT system that exposes the interface: one whose rights holder you are' })
  @IsNonEmptyUuid()
  exposedBySystemUuid!: string;

  @ApiProperty({ maxLength: IT_INTERFACE_TEXT_MAX, example: 'Udstiller sager og dokumenter til fagsystemer' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_INTERFACE_TEXT_MAX)
  description!: string;
}

/** KITOS `RightsHolderCreateItInterfaceRequestDTO`. */
export class RightsHolderCreateItInterfaceRequest extends RightsHolderPutItInterfaceRequest {
  @ApiProperty({ format: 'uuid', description: 'An organisation where you hold rights-holder access; it owns the interface' })
  @IsNonEmptyUuid()
  rightsHolderUuid!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A uuid of your choice (409 when taken)' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;
}

/** PATCH: only the properties sent change; the exposing system cannot be removed. */
export class RightsHolderPatchItInterfaceRequest extends PickType(PatchItInterfaceRequest, [
  'name',
  'interfaceId',
  'version',
  'description',
  'urlReference',
  'exposedBySystemUuid',
] as const) {}

/** KITOS `GET /api/v2/rightsholder/it-interfaces`. */
export class ListRightsHolderItInterfacesQuery extends PickType(ListItInterfacesQuery, [
  'includeDeactivated',
  'changedSinceGtEq',
  'page',
  'pageSize',
] as const) {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only interfaces of systems with this rights holder (one where you hold access)' })
  @IsOptional()
  @IsNonEmptyUuid()
  rightsHolderUuid?: string;
}

/** DELETE body on the rights-holder path: rights holders deactivate, with a reason. */
export class DeactivateItInterfaceRequest extends DeactivateItSystemRequest {}

/** KITOS `GET /api/v2/rightsholder/organizations` paging. */
export class ListRightsHolderOrganizationsQuery extends PageQuery {}
