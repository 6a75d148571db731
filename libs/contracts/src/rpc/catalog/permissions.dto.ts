import { ApiProperty } from '@nestjs/swagger';
import { IsNonEmptyUuid } from '../common.dto';
import { IT_SYSTEM_DELETION_CONFLICTS, type ItSystemDeletionConflict } from './it-system.dto';

/** What the caller may do with one object (KITOS `ResourcePermissionsResponseDTO`), as the other endpoints enforce it. */
export class ResourcePermissionsResponse {
  @ApiProperty({ description: 'May read the object' })
  read!: boolean;

  @ApiProperty({ description: 'May change the object (PUT, PATCH and its sub-resources)' })
  modify!: boolean;

  @ApiProperty({ description: 'May delete the object' })
  delete!: boolean;
}

/** KITOS `ItSystemPermissionsResponseDTO`. */
export class ItSystemPermissionsResponse extends ResourcePermissionsResponse {
  @ApiProperty({ description: 'May change the scope (Local/Global) of the system: global administrators only' })
  modifyVisibility!: boolean;

  @ApiProperty({
    enum: IT_SYSTEM_DELETION_CONFLICTS,
    isArray: true,
    description: 'What blocks deleting the system right now (DELETE answers 409 while any is present)',
  })
  deletionConflicts!: ItSystemDeletionConflict[];
}

export const IT_INTERFACE_DELETION_CONFLICTS = ['ExposedByItSystem'] as const;
export type ItInterfaceDeletionConflict = (typeof IT_INTERFACE_DELETION_CONFLICTS)[number];

/** KITOS `ItInterfacePermissionsResponseDTO`. */
export class ItInterfacePermissionsResponse extends ResourcePermissionsResponse {
  @ApiProperty({
    enum: IT_INTERFACE_DELETION_CONFLICTS,
    isArray: true,
    description: 'What blocks deleting the interface right now (DELETE answers 409 while any is present)',
  })
  deletionConflicts!: ItInterfaceDeletionConflict[];
}

/** KITOS `ResourceCollectionPermissionsResponseDTO`. */
export class ResourceCollectionPermissionsResponse {
  @ApiProperty({ description: 'May create objects of this kind in the organisation' })
  create!: boolean;
}

/** KITOS `GET …/permissions?organizationUuid=`. */
export class CollectionPermissionsQuery {
  @ApiProperty({ format: 'uuid', description: 'The organisation to create in' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

/** Internal RPC payloads (gateway → catalog). */
export interface PermissionsRpc {
  uuid: string;
}
