import { ApiProperty } from '@nestjs/swagger';
import { IsNonEmptyUuid } from './common.dto';

/** KITOS `ResourcePermissionsResponseDTO`: what the caller may do with one object, by the rules its write paths enforce. */
export class ResourcePermissionsResponse {
  @ApiProperty({ description: 'May read it' })
  read!: boolean;

  @ApiProperty({ description: 'May change it (PUT, PATCH and its sub-resources)' })
  modify!: boolean;

  @ApiProperty({ description: 'May delete it' })
  delete!: boolean;
}

/** KITOS `ResourceCollectionPermissionsResponseDTO`: whether the caller may create objects of the kind in the organisation. */
export class ResourceCollectionPermissionsResponse {
  @ApiProperty({ description: 'May create one in the organisation' })
  create!: boolean;
}

/** KITOS `GET …/permissions?organizationUuid=`. */
export class CollectionPermissionsQuery {
  @ApiProperty({ format: 'uuid', description: 'The organisation to create in' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}
