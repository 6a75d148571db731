import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, ValidateNested } from 'class-validator';
import {
  ItSystemUsageResponse,
  UpdateItSystemUsageRequest,
  UpdateUsageArchiveRequest,
  UsageArchiveResponse,
  UsageGdprResponse,
  UsageGdprWriteRequest,
} from '@kitos/contracts';

export const OTHER_SECTIONS = ['gdpr', 'archiving'] as const;
export type OtherSection = (typeof OTHER_SECTIONS)[number];

/** A usage as KITOS shows it: the catalogue's sections plus `gdpr` (gdpr service) and `archiving` (archiving service). */
export class ComposedItSystemUsageResponse extends ItSystemUsageResponse {
  @ApiProperty({
    type: UsageGdprResponse,
    nullable: true,
    description: 'Null when the gdpr service could not answer (see unavailableSections)',
  })
  gdpr!: UsageGdprResponse | null;

  @ApiProperty({
    type: UsageArchiveResponse,
    nullable: true,
    description: 'Null when the archiving service could not answer (see unavailableSections)',
  })
  archiving!: UsageArchiveResponse | null;

  @ApiProperty({
    enum: OTHER_SECTIONS,
    isArray: true,
    description: 'Sections left null because their service did not answer; the response then also carries a `Warning: 199` header',
    example: [],
  })
  unavailableSections!: OtherSection[];
}

/** PUT/PATCH of a usage with the sections owned by other services; each is forwarded to its owner. */
export class UpdateComposedItSystemUsageRequest extends UpdateItSystemUsageRequest {
  @ApiPropertyOptional({ type: UsageGdprWriteRequest, description: 'The GDPR registration (PUT: replaces it; PATCH: the fields sent)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageGdprWriteRequest)
  gdpr?: UsageGdprWriteRequest | null;

  @ApiPropertyOptional({
    type: UpdateUsageArchiveRequest,
    description: 'The archiving registration (PUT: replaces it; PATCH: the fields sent)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => UpdateUsageArchiveRequest)
  archiving?: UpdateUsageArchiveRequest | null;
}
