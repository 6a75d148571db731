import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { IsNonEmptyUuid } from '../common.dto';

/** Body of `PUT /api/v2/organizations/{uuid}/sharing-settings`. */
export class SharingSettingsWrite {
  @ApiProperty({
    description:
      'Whether other organisations see this organisation’s contract economy in cross-organisation reports and benchmarks. ' +
      'Everything else registered is shared, except project data and notes/remarks, which never are.',
    example: false,
  })
  @IsBoolean()
  shareContractEconomy!: boolean;
}

/** RPC request of `Rpc.reporting.sharing.put`. */
export class PutSharingSettingsRequest extends SharingSettingsWrite {
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

/** RPC request of `Rpc.reporting.sharing.get`. */
export class GetSharingSettingsRequest {
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class SharingSettings {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ example: true })
  shareContractEconomy!: boolean;

  @ApiProperty({
    type: [String],
    example: ['project', 'note'],
    description:
      'What other organisations never see of this organisation’s registrations (`project`, `note`, and `economy` when not shared)',
  })
  hiddenFromOtherOrganizations!: string[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'Last change; null = the defaults' })
  changedAt!: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  changedByUserUuid!: string | null;

  @ApiProperty({ type: 'integer', description: 'Incremented by every change (the ETag); 0 = never changed' })
  version!: number;
}
