import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUrl, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IdentityNamePair, IsNonEmptyUuid, Trim } from '../common.dto';

export const SYSTEM_RELATION_DESCRIPTION_MAX = 1000;
export const SYSTEM_RELATION_URL_MAX = 2000;
export const RELATION_GRAPH_MAX_DEPTH = 100;

const URL_OPTIONS = { require_protocol: true, protocols: ['http', 'https'], require_tld: false };

/** POST and PUT body of a system relation (KITOS `SystemRelationWriteRequestDTO`); PUT replaces every field. */
export class SystemRelationWriteRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'The usage this relation points to: a usage of the same organisation, not the usage itself',
    example: '6a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  })
  @IsNonEmptyUuid()
  toSystemUsageUuid!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The interface the relation goes through; it must be exposed by the system of the target usage',
    example: '0b7e4f10-2d3c-4b5a-9e8f-7a6b5c4d3e2f',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  relationInterfaceUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The IT contract that covers the relation; a contract of the same organisation',
    example: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  associatedContractUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'How often data is exchanged: an option of `it-system-usage-relation-frequency-types` available in the organisation',
    example: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  relationFrequencyUuid?: string | null;

  @ApiPropertyOptional({
    maxLength: SYSTEM_RELATION_DESCRIPTION_MAX,
    nullable: true,
    type: String,
    example: 'Sagsdata overføres dagligt til ydelsessystemet',
  })
  @IsOptional()
  @IsString()
  @MaxLength(SYSTEM_RELATION_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    maxLength: SYSTEM_RELATION_URL_MAX,
    nullable: true,
    type: String,
    description: 'A link to documentation of the relation (http or https)',
    example: 'https://wiki.kommune.dk/integrationer/esdh-ydelse',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(SYSTEM_RELATION_URL_MAX)
  @IsUrl(URL_OPTIONS)
  urlReference?: string | null;
}

/** PATCH body: only the properties sent change; `null` clears an optional reference or text. */
export class PatchSystemRelationRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'Cannot be cleared' })
  @ValidateIf((_, v) => v !== undefined)
  @IsNonEmptyUuid()
  toSystemUsageUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsNonEmptyUuid()
  relationInterfaceUuid?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsNonEmptyUuid()
  associatedContractUuid?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsNonEmptyUuid()
  relationFrequencyUuid?: string | null;

  @ApiPropertyOptional({ maxLength: SYSTEM_RELATION_DESCRIPTION_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(SYSTEM_RELATION_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: SYSTEM_RELATION_URL_MAX, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(SYSTEM_RELATION_URL_MAX)
  @IsUrl(URL_OPTIONS)
  urlReference?: string | null;
}

/** What outgoing and incoming relations have in common (KITOS `BaseSystemRelationResponseDTO`). */
export class SystemRelationResponseBase {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The interface the relation goes through' })
  relationInterface!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The IT contract that covers the relation' })
  associatedContract!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'Frequency option' })
  relationFrequency!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ nullable: true, type: String })
  urlReference!: string | null;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: 'integer', description: 'Version for optimistic concurrency; also sent as the ETag header', example: 1 })
  version!: number;
}

/** A relation from the usage in the path to another usage (`name` of a usage is its system's name). */
export class OutgoingSystemRelationResponse extends SystemRelationResponseBase {
  @ApiProperty({ type: IdentityNamePair, description: 'The usage the relation points to' })
  toSystemUsage!: IdentityNamePair;
}

/** A relation from another usage to the usage in the path. */
export class IncomingSystemRelationResponse extends SystemRelationResponseBase {
  @ApiProperty({ type: IdentityNamePair, description: 'The usage the relation comes from' })
  fromSystemUsage!: IdentityNamePair;
}

export class SystemRelationGraphQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Impact view: only this usage and the usages that depend on it (through incoming relations, transitively)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  focusUsageUuid?: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: RELATION_GRAPH_MAX_DEPTH,
    description: 'With focusUsageUuid: how many relations away from the focus to follow; all by default',
    example: 2,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(RELATION_GRAPH_MAX_DEPTH)
  depth?: number;
}

export class SystemRelationGraphNode {
  @ApiProperty({ format: 'uuid' })
  usageUuid!: string;

  @ApiProperty({ format: 'uuid' })
  systemUuid!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The name of the system in use', example: 'Sags- og dokumentsystem' })
  name!: string | null;

  @ApiPropertyOptional({ description: 'Impact view only: relations between the focus and this usage (0 for the focus)', example: 1 })
  distance?: number;
}

export class SystemRelationGraphEdge {
  @ApiProperty({ format: 'uuid', description: 'The relation' })
  uuid!: string;

  @ApiProperty({ format: 'uuid', description: 'The usage the relation comes from (the one that depends on `to`)' })
  from!: string;

  @ApiProperty({ format: 'uuid', description: 'The usage the relation points to' })
  to!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  interface!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  contract!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  frequency!: IdentityNamePair | null;
}

/** The relation graph of an organisation; nodes are the usages that take part in at least one relation (and the focus). */
export class SystemRelationGraphResponse {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The focus of an impact view' })
  focusUsageUuid!: string | null;

  @ApiProperty({ type: [SystemRelationGraphNode] })
  nodes!: SystemRelationGraphNode[];

  @ApiProperty({ type: [SystemRelationGraphEdge] })
  edges!: SystemRelationGraphEdge[];
}

/** Internal RPC payloads (gateway → catalog). */
export interface SystemRelationsOfUsageRpc {
  usageUuid: string;
}
export interface SystemRelationRpc {
  usageUuid: string;
  relationUuid: string;
}
export interface CreateSystemRelationRpc {
  usageUuid: string;
  relation: SystemRelationWriteRequest;
  /** Keep a uuid from another system (the KITOS importer); global and local administrators only. */
  uuid?: string;
}
export interface PutSystemRelationRpc {
  usageUuid: string;
  relationUuid: string;
  expectedVersion?: number;
  relation: SystemRelationWriteRequest;
}
export interface PatchSystemRelationRpc {
  usageUuid: string;
  relationUuid: string;
  expectedVersion?: number;
  changes: Partial<PatchSystemRelationRequest>;
}
export interface DeleteSystemRelationRpc {
  usageUuid: string;
  relationUuid: string;
  expectedVersion?: number;
}
export interface SystemRelationGraphRpc extends SystemRelationGraphQuery {
  organizationUuid: string;
}
