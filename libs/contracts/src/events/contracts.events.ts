import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
  IsInt,
  Min,
} from 'class-validator';
import { CONTRACT_VALIDITY_ERRORS, type ContractValidityError } from '../rpc/contracts/it-contract.dto';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

/** Deadlines derived from a contract's terms (Europe/Copenhagen calendar days, YYYY-MM-DD); null or absent = none. */
export class ItContractDeadlinesSnapshot {
  /** The last day notice can be given [opsigelsesfrist]. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  noticeDeadline?: string | null;

  /** The day the contract ends if notice is given today. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  endIfNoticeToday?: string | null;

  /** The end of the irrevocable period [uopsigelig til]. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  irrevocableUntil?: string | null;

  /** The next day an extension option [option] must be used by. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  nextExtensionOptionDate?: string | null;

  /** When notice has been given (terminatedAt): the day the contract ends. */
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  terminationEffectiveDate?: string | null;
}

/**
 * The minimal contract of the contracts service's events (published on its stream `CONTRACTS`), defined ahead of that
 * service so that the catalogue can refer to contracts (system relations). The contracts service may add properties:
 * consumers read events tolerantly; removing or renaming one needs a new version.
 */
/** Sums of payment streams, in øre. */
export class ItContractEconomyTotalsSnapshot {
  @IsInt()
  acquisitionOre!: number;

  @IsInt()
  operationOre!: number;

  @IsInt()
  otherOre!: number;

  @IsInt()
  totalOre!: number;
}

/** Sums of one year's payments, in øre (year null = payments whose year is not known). */
export class ItContractEconomyYearSnapshot extends ItContractEconomyTotalsSnapshot {
  @IsOptional()
  @IsInt()
  year!: number | null;
}

/** A contract's economy: all internal and external payment streams summed, in øre, in total and by year. */
export class ItContractEconomySnapshot extends ItContractEconomyTotalsSnapshot {
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ItContractEconomyYearSnapshot)
  byYear!: ItContractEconomyYearSnapshot[];
}

export class ItContractSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsDateString({ strict: true })
  lastModified!: string;

  // What other services need of a contract (optional: the first publishers sent only the four above).

  /** The supplier organisation. */
  @IsOptional()
  @IsUUID()
  supplierUuid?: string | null;

  /** System usages (of the same organisation) the contract covers; gdpr and catalog learn the links from here. */
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  systemUsageUuids?: string[];

  /** Data processing registrations (gdpr) associated with the contract; a DPR's main contract must be among them. */
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  dataProcessingRegistrationUuids?: string[];

  /** Computed validity on the day of the event (Europe/Copenhagen); consumers recompute from the dates when needed. */
  @IsOptional()
  @IsBoolean()
  valid?: boolean;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validFrom?: string | null;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validTo?: string | null;

  /** Force valid [Gennemtving gyldighed]: valid regardless of the dates. */
  @IsOptional()
  @IsBoolean()
  enforcedValid?: boolean;

  /** The deadlines derived from the terms on the day of the event; the reminders (advis) schedule automatic mails from them. */
  @IsOptional()
  @ValidateNested()
  @Type(() => ItContractDeadlinesSnapshot)
  deadlines?: ItContractDeadlinesSnapshot | null;

  /** Why the contract is not valid on the day of the event (empty when none; `valid` may still be true when enforced). */
  @IsOptional()
  @IsArray()
  @IsIn(CONTRACT_VALIDITY_ERRORS, { each: true })
  validationErrors?: ContractValidityError[];

  @IsOptional()
  @IsBoolean()
  requireValidParent?: boolean;

  @IsOptional()
  @IsUUID()
  parentContractUuid?: string | null;

  @IsOptional()
  @IsUUID()
  responsibleOrganizationUnitUuid?: string | null;

  @IsOptional()
  @IsString()
  contractId?: string | null;

  // Added for reporting (optional: earlier events lack them).

  /** Free-text note [Note]. Private to the organisation in cross-organisation reports (sharing rules). */
  @IsOptional()
  @IsString()
  notes?: string | null;

  /** Notice period in months [Opsigelsesfrist]; null = not registered. */
  @IsOptional()
  @IsInt()
  @Min(0)
  noticePeriodMonths?: number | null;

  /**
   * The contract's payment streams summed, in øre [økonomi]. Shared in cross-organisation reports unless the
   * organisation opted out of sharing contract economy.
   */
  @IsOptional()
  @ValidateNested()
  @Type(() => ItContractEconomySnapshot)
  economy?: ItContractEconomySnapshot | null;
}

export class ItContractCreatedV1 {
  @ValidateNested()
  @Type(() => ItContractSnapshot)
  contract!: ItContractSnapshot;
}

export class ItContractUpdatedV1 {
  @ValidateNested()
  @Type(() => ItContractSnapshot)
  contract!: ItContractSnapshot;

  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class ItContractDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  name!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const ContractEvents = {
  contractCreated: defineEvent('contracts.it-contract.created', 1, ItContractCreatedV1),
  contractUpdated: defineEvent('contracts.it-contract.updated', 1, ItContractUpdatedV1),
  contractDeleted: defineEvent('contracts.it-contract.deleted', 1, ItContractDeletedV1),
} as const;
