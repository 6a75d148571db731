import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IdentityNamePair, IsNonEmptyUuid, PageQuery } from '../common.dto';

/**
 * Cross-municipal reports and benchmarking (reporting service, `/api/v2/benchmarks/...`). Figures are computed over
 * the usages of organisations of type Municipality. Aggregates over fewer than `BENCHMARK_MIN_ORGANIZATIONS`
 * organisations are suppressed: their figures and their organisation count are null and `suppressed` is true.
 */

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Filters shared by every per-system benchmark. */
export class BenchmarkQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this IT system' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems of this supplier (rights holder)' })
  @IsOptional()
  @IsNonEmptyUuid()
  supplierUuid?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv', 'xlsx'],
    description: 'csv or xlsx: the whole table (every page) as a file, streamed; page and pageSize are then ignored',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

export class ContractEndDatesQuery extends BenchmarkQuery {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'Only contracts ending (validTo) on or after this day' })
  @IsOptional()
  @Matches(DAY, { message: 'endingFrom must be a day (YYYY-MM-DD)' })
  endingFrom?: string;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'Only contracts ending (validTo) on or before this day' })
  @IsOptional()
  @Matches(DAY, { message: 'endingTo must be a day (YYYY-MM-DD)' })
  endingTo?: string;
}

export class CostBenchmarkQuery extends BenchmarkQuery {
  @ApiPropertyOptional({
    type: 'integer',
    example: 2026,
    description: 'Budget year of the payments (default: the current year in Denmark)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year?: number;
}

/** Whether an aggregate is shown, and why not. */
export class SuppressibleAggregate {
  @ApiProperty({ description: 'True when fewer organisations than the threshold contribute: the figures are then null' })
  suppressed!: boolean;

  @ApiProperty({
    nullable: true,
    type: String,
    example: 'Fewer than 5 organisations contribute to this figure',
    description: 'Why the figures are suppressed; null when shown',
  })
  reason!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 12,
    description: 'How many organisations contribute (each counts once, however many usages it has); null when suppressed',
  })
  organizations!: number | null;
}

export class ItSystemBenchmark {
  @ApiProperty({ type: IdentityNamePair })
  system!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The rights holder (supplier) of the system' })
  supplier!: IdentityNamePair | null;

  @ApiProperty({ type: 'integer', example: 23, description: 'Municipalities with a usage of the system' })
  municipalityCount!: number;

  @ApiProperty({ type: [IdentityNamePair], description: 'The municipalities using the system (shared registration data)' })
  municipalities!: IdentityNamePair[];

  @ApiProperty({
    type: [IdentityNamePair],
    description: 'Distinct suppliers on the contracts that cover the municipalities’ usages of the system',
  })
  contractSuppliers!: IdentityNamePair[];
}

export class SupplierBenchmark {
  @ApiProperty({ type: IdentityNamePair })
  supplier!: IdentityNamePair;

  @ApiProperty({ type: [IdentityNamePair], description: 'The supplier’s systems that municipalities use' })
  systems!: IdentityNamePair[];

  @ApiProperty({ type: 'integer', example: 41, description: 'Municipalities using at least one of these systems' })
  municipalityCount!: number;

  @ApiProperty({ type: [IdentityNamePair] })
  municipalities!: IdentityNamePair[];
}

export class ContractEndDateRow {
  @ApiProperty({ type: IdentityNamePair })
  system!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, description: 'The municipality owning the contract' })
  organization!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  contract!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The contract’s supplier' })
  supplier!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: String, example: '2024-01-01' })
  validFrom!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2027-12-31', description: 'The contract’s end date' })
  validTo!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2027-06-30', description: 'The last day notice can be given' })
  noticeDeadline!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'When notice has been given: the day the contract ends' })
  terminationEffectiveDate!: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 6, description: 'Notice period in months' })
  noticePeriodMonths!: number | null;
}

export class CostAggregate extends SuppressibleAggregate {
  @ApiProperty({ nullable: true, type: Number, example: 125_000_00, description: 'Sum of the contributing organisations’ cost (øre)' })
  totalOre!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 25_000_00, description: 'totalOre / organizations, rounded (øre)' })
  averagePerOrganizationOre!: number | null;
}

export class CostPerUserAggregate extends SuppressibleAggregate {
  @ApiProperty({ nullable: true, type: Number, example: 850, description: 'Expected users of the usages counted (midpoints)' })
  expectedUsers!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 147_06, description: 'Cost of those usages / their expected users (øre)' })
  costPerUserOre!: number | null;
}

export class CostBenchmark {
  @ApiProperty({ type: IdentityNamePair })
  system!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  supplier!: IdentityNamePair | null;

  @ApiProperty({ type: 'integer', example: 2026 })
  year!: number;

  @ApiProperty({ type: CostAggregate })
  cost!: CostAggregate;

  @ApiProperty({ type: CostPerUserAggregate })
  perUser!: CostPerUserAggregate;
}

export class GdprFigures extends SuppressibleAggregate {
  @ApiProperty({ nullable: true, type: Number, example: 40, description: 'Usages that process personal data' })
  usagesWithPersonalData!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Of those, usages linked to a DPR with a concluded agreement (DPA)' })
  withDpa!: number | null;

  @ApiProperty({ nullable: true, type: Number, example: 0.875, description: 'withDpa / usagesWithPersonalData (0–1)' })
  dpaShare!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Of those, usages with a DPIA conducted (Yes)' })
  withDpia!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  dpiaShare!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Of those, usages with a risk assessment conducted (Yes)' })
  withRiskAssessment!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  riskAssessmentShare!: number | null;
}

export class GdprBenchmark extends GdprFigures {
  @ApiProperty({ type: IdentityNamePair })
  system!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  supplier!: IdentityNamePair | null;
}

export class NationalGdprBenchmark extends GdprFigures {
  @ApiProperty({ type: 'integer', example: 57, description: 'Systems whose own figures are shown, and which the national figures sum up' })
  systems!: number;
}

export class ArchiveDutyCounts {
  @ApiProperty({ nullable: true, type: Number, description: 'Usages with archive duty B (bevaring, udvalgte)' })
  B!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Usages with archive duty K (kassation efter aflevering)' })
  K!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Preserve data, documents may be discarded' })
  PreserveDataCanDiscardDocuments!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Answered "Unknown" (ved ikke)' })
  Unknown!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Registered as undecided' })
  Undecided!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'No archive duty registered at all' })
  notRegistered!: number | null;
}

export class ArchiveDutyBenchmark extends SuppressibleAggregate {
  @ApiProperty({ type: IdentityNamePair })
  system!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  supplier!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Usages counted' })
  usages!: number | null;

  @ApiProperty({ type: ArchiveDutyCounts, description: 'Usages per archive duty decision (all null when suppressed)' })
  decisions!: ArchiveDutyCounts;
}

/**
 * Joint procurement [fælles udbud]: for a system or a supplier, the municipalities whose contracts for it end or can be
 * terminated within a window. One of `systemUuid` and `supplierUuid` is required (both: the supplier's system).
 */
export class JointProcurementQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'The IT system (this or supplierUuid is required)' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The supplier (rights holder): all of its systems (this or systemUuid is required)' })
  @IsOptional()
  @IsNonEmptyUuid()
  supplierUuid?: string;

  @ApiProperty({ example: '2027-01-01', description: 'First day of the window (YYYY-MM-DD)' })
  @Matches(DAY, { message: 'from must be a day (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'from must be a valid calendar day' })
  from!: string;

  @ApiProperty({ example: '2028-12-31', description: 'Last day of the window (YYYY-MM-DD), on or after from' })
  @Matches(DAY, { message: 'to must be a day (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'to must be a valid calendar day' })
  to!: string;

  @ApiPropertyOptional({
    type: 'integer',
    example: 2026,
    description: 'Budget year of the combined yearly cost (default: the current year in Denmark)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1990)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({
    enum: ['json', 'csv', 'xlsx'],
    description: 'csv or xlsx: the municipalities and their contracts as a file (one row per contract)',
  })
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx'])
  format?: 'json' | 'csv' | 'xlsx';
}

/** An organisation's general contact details (its master data, shared like its name). */
export class OrganizationContact {
  @ApiProperty({ nullable: true, type: String, example: 'kommunen@aarhus.dk' })
  email!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '+45 89 40 20 00' })
  phone!: string | null;
}

export class JointProcurementContract {
  @ApiProperty({ type: IdentityNamePair })
  contract!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, description: 'The system whose usage the contract covers' })
  system!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The contract’s supplier' })
  supplier!: IdentityNamePair | null;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '2027-12-31',
    description: 'The day the contract ends: the termination date when notice has been given, else its end date (validTo)',
  })
  endDate!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '2027-06-30', description: 'The last day notice can be given' })
  noticeDeadline!: string | null;

  @ApiProperty({ nullable: true, type: Number, example: 6, description: 'Notice period in months' })
  noticePeriodMonths!: number | null;

  @ApiProperty({ description: 'The contract ends within the window' })
  endsInWindow!: boolean;

  @ApiProperty({ description: 'The notice deadline lies within the window' })
  noticeInWindow!: boolean;
}

export class JointProcurementMunicipality {
  @ApiProperty({ type: IdentityNamePair })
  organization!: IdentityNamePair;

  @ApiProperty({ type: OrganizationContact })
  contact!: OrganizationContact;

  @ApiProperty({
    nullable: true,
    type: String,
    example: '2027-06-30',
    description: 'The earliest end date or notice deadline in the window',
  })
  firstDate!: string | null;

  @ApiProperty({
    type: [JointProcurementContract],
    description: 'Its contracts for the system(s) that end or can be terminated in the window',
  })
  contracts!: JointProcurementContract[];
}

export class JointProcurementVolume extends SuppressibleAggregate {
  @ApiProperty({ type: 'integer', example: 2026 })
  year!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 480_000_00,
    description:
      'The year’s payments on these contracts for the usages of the system(s), summed over the municipalities that share ' +
      'their contract economy (øre); null when suppressed',
  })
  totalOre!: number | null;
}

export class JointProcurementResult {
  @ApiProperty({ example: '2027-01-01' })
  from!: string;

  @ApiProperty({ example: '2028-12-31' })
  to!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The system asked for (null when unknown or not visible)' })
  system!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The supplier asked for, or the system’s rights holder' })
  supplier!: IdentityNamePair | null;

  @ApiProperty({ type: 'integer', example: 4, description: 'Municipalities listed' })
  municipalityCount!: number;

  @ApiProperty({ type: [JointProcurementMunicipality], description: 'Soonest first date first' })
  municipalities!: JointProcurementMunicipality[];

  @ApiProperty({
    type: JointProcurementVolume,
    description: 'The combined yearly cost: an aggregate, suppressed below the threshold like the other benchmarks',
  })
  volume!: JointProcurementVolume;
}
