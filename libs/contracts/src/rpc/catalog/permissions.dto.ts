import { ApiProperty } from '@nestjs/swagger';
import { ResourcePermissionsResponse } from '../permissions.dto';
import { IT_SYSTEM_DELETION_CONFLICTS, type ItSystemDeletionConflict } from './it-system.dto';

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

/** Internal RPC payloads (gateway → catalog). */
export interface PermissionsRpc {
  uuid: string;
}
