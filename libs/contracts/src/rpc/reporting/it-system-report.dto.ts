import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { REGISTRATION_SCOPES, type RegistrationScope } from '../../events/catalog.events';
import { IsNonEmptyUuid, PageQuery, ToBoolean } from '../common.dto';

export class ItSystemReportQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems owned by this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ default: true, description: 'List deactivated systems too (the counts always include them)' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeDeactivated?: boolean;
}

export class OrganizationCount {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ type: 'integer' })
  count!: number;
}

export class ItSystemReportRow {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ enum: REGISTRATION_SCOPES })
  scope!: RegistrationScope;

  @ApiProperty()
  deactivated!: boolean;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: 'integer', description: 'Version of the system this row reflects' })
  version!: number;
}

/** The IT-system read model of the reporting service, built only from catalogue events. */
export class ItSystemReport {
  @ApiProperty({ type: 'integer', description: 'Systems in the catalogue (not deleted)' })
  total!: number;

  @ApiProperty()
  active!: number;

  @ApiProperty()
  deactivated!: number;

  @ApiProperty({ type: [OrganizationCount], description: 'Systems per owning organisation, most first' })
  byOrganization!: OrganizationCount[];

  @ApiProperty({ type: [ItSystemReportRow] })
  items!: ItSystemReportRow[];

  @ApiProperty({ type: 'integer' })
  page!: number;

  @ApiProperty({ type: 'integer' })
  pageSize!: number;
}
