import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ChosenUuid, IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';
import { CONTRACT_NAME_MAX, CONTRACT_LIST_MAX, CONTRACT_TRANSFER_MAX, CONTRACT_ORDER, type ItContractOrder } from './it-contract.constants';
import {
  ContractGeneralWrite,
  ContractProcurementWrite,
  ContractSupplierWrite,
  ContractResponsibleWrite,
  ContractPaymentModelWrite,
  ContractAgreementPeriodWrite,
  ContractTerminationWrite,
  ContractPaymentsWrite,
  ContractRoleAssignment,
  ContractExternalReferenceWrite,
} from './it-contract-sections.dto';

// Requests on contracts (create, update, transfer, list) and the internal RPC payloads.

/** The parts of a contract besides its name (create and update share them; class-validator merges inherited rules). */
export class ItContractSectionsWrite {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Parent contract [Overordnet kontrakt]: same organisation (400), readable (403), existing (404), not itself or a descendant (400)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  parentContractUuid?: string | null;

  @ApiPropertyOptional({ type: ContractGeneralWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractGeneralWrite)
  general?: ContractGeneralWrite | null;

  @ApiPropertyOptional({ type: ContractProcurementWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractProcurementWrite)
  procurement?: ContractProcurementWrite | null;

  @ApiPropertyOptional({ type: ContractSupplierWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractSupplierWrite)
  supplier?: ContractSupplierWrite | null;

  @ApiPropertyOptional({ type: ContractResponsibleWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractResponsibleWrite)
  responsible?: ContractResponsibleWrite | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'System usages of the same organisation; no duplicates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  systemUsageUuids?: string[] | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'Data processing registrations of the same organisation; no duplicates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  dataProcessingRegistrationUuids?: string[] | null;

  @ApiPropertyOptional({ type: ContractPaymentModelWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractPaymentModelWrite)
  paymentModel?: ContractPaymentModelWrite | null;

  @ApiPropertyOptional({ type: ContractAgreementPeriodWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractAgreementPeriodWrite)
  agreementPeriod?: ContractAgreementPeriodWrite | null;

  @ApiPropertyOptional({ type: ContractTerminationWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractTerminationWrite)
  termination?: ContractTerminationWrite | null;

  @ApiPropertyOptional({ type: ContractPaymentsWrite, nullable: true, description: 'Economy [Økonomi]: payment streams' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractPaymentsWrite)
  payments?: ContractPaymentsWrite | null;

  @ApiPropertyOptional({ type: [ContractRoleAssignment], nullable: true, description: 'Per-contract role assignments; no duplicate pairs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContractRoleAssignment)
  roles?: ContractRoleAssignment[] | null;

  @ApiPropertyOptional({ type: [ContractExternalReferenceWrite], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContractExternalReferenceWrite)
  externalReferences?: ContractExternalReferenceWrite[] | null;
}

/**
 * The writable parts of a contract (KITOS `UpdateContractRequestDTO`). PUT replaces all of them (absent ones are
 * reset; the name is required); PATCH replaces only the parts sent, each section as a whole (null resets it).
 */
export class UpdateItContractRequest extends ItContractSectionsWrite {
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: CONTRACT_NAME_MAX,
    description: 'Unique in the organisation (case-insensitive)',
    example: 'Driftsaftale ESDH',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTRACT_NAME_MAX)
  name?: string | null;
}

export class CreateItContractRequest extends ItContractSectionsWrite {
  @ChosenUuid()
  uuid?: string;

  @ApiProperty({ maxLength: CONTRACT_NAME_MAX, description: 'Unique in the organisation (case-insensitive)', example: 'Driftsaftale ESDH' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTRACT_NAME_MAX)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation that owns the contract' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class TransferItContractsRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: CONTRACT_TRANSFER_MAX, description: 'The contracts to move; no duplicates' })
  @IsArray()
  @ArrayMaxSize(CONTRACT_TRANSFER_MAX)
  @IsNonEmptyUuid({ each: true })
  contractUuids!: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The new parent; null makes them top-level contracts' })
  @IsOptional()
  @IsNonEmptyUuid()
  parentUuid?: string | null;
}

export class ListItContractsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts of this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts covering a usage of this IT system' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts covering this system usage' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUsageUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts associated with this data processing registration' })
  @IsOptional()
  @IsNonEmptyUuid()
  dataProcessingRegistrationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts with this responsible unit' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleOrgUnitUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts with this supplier' })
  @IsOptional()
  @IsNonEmptyUuid()
  supplierUuid?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(CONTRACT_NAME_MAX)
  nameContent?: string;

  @ApiPropertyOptional({ description: 'The exact name (case and surrounding spaces ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(CONTRACT_NAME_MAX)
  nameEquals?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only contracts changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ enum: CONTRACT_ORDER, default: 'CreationOrder' })
  @IsOptional()
  @IsIn(CONTRACT_ORDER)
  orderByProperty?: ItContractOrder;
}

/**
 * KITOS `ExternalReferenceDataWriteRequestDTO`: one reference of a contract, written through
 * `/it-contracts/{uuid}/external-references[/{externalReferenceUuid}]`. A new master reference takes over from the old one.
 */
export class ExternalReferenceDataWriteRequest extends OmitType(ContractExternalReferenceWrite, ['uuid'] as const) {}

/** Internal RPC payloads (gateway → contracts). */
export interface GetItContractRpc {
  uuid: string;
}
export interface UpdateItContractRpc {
  uuid: string;
  expectedVersion?: number;
  /** PUT: every part; PATCH: only the parts sent. */
  changes: Partial<UpdateItContractRequest>;
}
export interface DeleteItContractRpc {
  uuid: string;
  expectedVersion?: number;
}
/** The external-reference sub-resource's request, as the gateway's shared KITOS reference controllers send it. */
export interface ContractExternalReferenceRpc {
  uuid: string;
  /** The reference changed or deleted; none when one is added. */
  referenceUuid?: string;
  expectedVersion?: number;
  body?: ExternalReferenceDataWriteRequest;
}
