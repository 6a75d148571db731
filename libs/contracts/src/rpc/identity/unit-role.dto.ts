import { ApiProperty } from '@nestjs/swagger';
import { IsNonEmptyUuid } from '../common.dto';
import { IdentityNamePair } from '../common.dto';

/** A role holder on an organisation unit [Organisationsenhedsroller]: an OrganizationUnit role and a member. */
export class UnitRoleAssignmentRequest {
  @ApiProperty({ format: 'uuid', description: 'An OrganizationUnit role type enabled in the organisation' })
  @IsNonEmptyUuid()
  roleUuid!: string;

  @ApiProperty({ format: 'uuid', description: 'A user with a role in the organisation' })
  @IsNonEmptyUuid()
  userUuid!: string;
}

export class UnitRoleResponse {
  @ApiProperty({ type: IdentityNamePair })
  unit!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  role!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  user!: IdentityNamePair;
}
