import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { IsNonEmptyUuid } from '../common.dto';
import { ROLE_OBJECT_TYPES, type RoleObjectType } from './role-type.dto';
import { UserResponse } from './user.dto';

/**
 * One step of a leaver's handover in a service that owns objects with per-object roles: `add` gives the receiver every
 * role the leaver holds on the organisation's objects; `remove` takes from the leaver only roles the receiver already
 * holds. Both are idempotent, so an interrupted handover is simply run again.
 */
export const ROLE_HANDOVER_STEPS = ['add', 'remove'] as const;
export type RoleHandoverStep = (typeof ROLE_HANDOVER_STEPS)[number];

export class RoleHandoverCommand {
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @IsNonEmptyUuid()
  fromUserUuid!: string;

  @IsNonEmptyUuid()
  toUserUuid!: string;

  @IsIn(ROLE_HANDOVER_STEPS)
  step!: RoleHandoverStep;
}

export class HandedOverRole {
  @ApiProperty({ format: 'uuid' })
  roleUuid!: string;

  @ApiProperty({ example: 'Systemejer' })
  roleName!: string;
}

/** The roles of one object that the receiver got (copy) or that moved (transfer). */
export class HandedOverObject {
  @ApiProperty({ enum: ROLE_OBJECT_TYPES })
  objectType!: RoleObjectType;

  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'ESDH' })
  name!: string;

  @ApiProperty({ type: [HandedOverRole] })
  roles!: HandedOverRole[];
}

/** What one service answers for one step. */
export class RoleHandoverStepResult {
  objects!: HandedOverObject[];
}

export class RoleHandoverSummary {
  @ApiProperty({ type: [String], description: "The leaver's organisation roles in the organisation, now held by the receiver" })
  organizationRoles!: string[];

  @ApiProperty({
    type: [HandedOverObject],
    description: 'Per-object roles (usages, contracts, data processing registrations, projects) the receiver now holds',
  })
  objects!: HandedOverObject[];

  @ApiProperty({ description: 'true for a transfer: the leaver no longer holds the roles listed' })
  removedFromLeaver!: boolean;
}

/** The receiver after a copy or transfer, with what was handed over. */
export class RoleHandoverResponse extends UserResponse {
  @ApiProperty({ type: RoleHandoverSummary })
  handover!: RoleHandoverSummary;
}
