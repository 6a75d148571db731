import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../common.dto';

/** Catalogue entity types: their deletions come straight from the catalogue's tombstones. */
export const CATALOG_DELETED_ENTITY_TYPES = ['ItSystem', 'ItSystemUsage', 'ItInterface'] as const;
export type CatalogDeletedEntityType = (typeof CATALOG_DELETED_ENTITY_TYPES)[number];

/**
 * Entity types whose deletions the feed reports, across all modules: the catalogue's own, and those the reporting
 * service learns from the other services' deletion events (contracts, DPRs, organisation units, system relations).
 */
export const DELETED_ENTITY_TYPES = [
  ...CATALOG_DELETED_ENTITY_TYPES,
  'ItContract',
  'DataProcessingRegistration',
  'OrganizationUnit',
  'SystemRelation',
] as const;
export type DeletedEntityType = (typeof DELETED_ENTITY_TYPES)[number];

export class DeletedEntitiesQuery extends PageQuery {
  @ApiProperty({ enum: DELETED_ENTITY_TYPES, description: 'The kind of entity' })
  @IsIn(DELETED_ENTITY_TYPES)
  entityType!: DeletedEntityType;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only deletions at or after this time (UTC, inclusive)',
    example: '2026-11-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  deletedSinceUTC?: string;
}

export class DeletedEntityResponse {
  @ApiProperty({ enum: DELETED_ENTITY_TYPES })
  entityType!: DeletedEntityType;

  @ApiProperty({ format: 'uuid' })
  entityUuid!: string;

  @ApiProperty({ format: 'date-time', description: 'When the entity was deleted (UTC)' })
  occurredAtUtc!: string;
}
