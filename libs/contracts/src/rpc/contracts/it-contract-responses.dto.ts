import { ApiProperty } from '@nestjs/swagger';
import { IdentityNamePair } from '../common.dto';
import { ExternalReferenceResponse, YES_NO_UNDECIDED, type YesNoUndecided } from '../catalog/it-system-usage.dto';
import {
  CONTRACT_VALIDITY_ERRORS,
  type ContractValidityError,
  NOTICE_BY_END_OF,
  type NoticeByEndOf,
  AUDIT_STATUSES,
  type AuditStatus,
} from './it-contract.constants';

// The read model: a contract as the API answers it, section by section, with derived deadlines and economy.

export class ShallowOrganizationResponse extends IdentityNamePair {
  @ApiProperty({ nullable: true, type: String, example: '29189846' })
  cvr!: string | null;
}

export class ContractValidityResponse {
  @ApiProperty({ description: 'enforcedValid, or no validation error today (Europe/Copenhagen)' })
  valid!: boolean;

  @ApiProperty()
  enforcedValid!: boolean;

  @ApiProperty({
    enum: CONTRACT_VALIDITY_ERRORS,
    isArray: true,
    description: 'Why the contract is not valid by its dates; empty when none',
  })
  validationErrors!: ContractValidityError[];
}

export class ContractGeneralValidityResponse extends ContractValidityResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  validFrom!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  validTo!: string | null;

  @ApiProperty()
  requireValidParent!: boolean;
}

export class ContractGeneralResponse {
  @ApiProperty({ nullable: true, type: String })
  contractId!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  contractType!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  contractTemplate!: IdentityNamePair | null;

  @ApiProperty({ type: [IdentityNamePair] })
  agreementElements!: IdentityNamePair[];

  @ApiProperty({ nullable: true, type: String })
  notes!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  criticality!: IdentityNamePair | null;

  @ApiProperty({ type: ContractGeneralValidityResponse })
  validity!: ContractGeneralValidityResponse;
}

export class ProcurementPlanResponse {
  @ApiProperty({ type: 'integer', example: 3 })
  quarterOfYear!: number;

  @ApiProperty({ type: 'integer', example: 2027 })
  year!: number;
}

export class ContractProcurementResponse {
  @ApiProperty({ type: IdentityNamePair, nullable: true })
  purchaseType!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  procurementStrategy!: IdentityNamePair | null;

  @ApiProperty({ type: ProcurementPlanResponse, nullable: true })
  procurementPlan!: ProcurementPlanResponse | null;

  @ApiProperty({ enum: YES_NO_UNDECIDED, nullable: true })
  procurementInitiated!: YesNoUndecided | null;
}

export class ContractSignatureResponse {
  @ApiProperty()
  signed!: boolean;

  @ApiProperty({ nullable: true, type: String })
  signedBy!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  signedAt!: string | null;
}

export class ContractSupplierResponse extends ContractSignatureResponse {
  @ApiProperty({ type: ShallowOrganizationResponse, nullable: true })
  organization!: ShallowOrganizationResponse | null;
}

export class ContractResponsibleResponse extends ContractSignatureResponse {
  @ApiProperty({ type: IdentityNamePair, nullable: true })
  organizationUnit!: IdentityNamePair | null;
}

export class ContractPaymentModelResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  operationsRemunerationStartedAt!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  paymentFrequency!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  paymentModel!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  priceRegulation!: IdentityNamePair | null;
}

export class ContractAgreementPeriodResponse {
  @ApiProperty({ nullable: true, type: Number })
  durationYears!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  durationMonths!: number | null;

  @ApiProperty()
  isContinuous!: boolean;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  extensionOptions!: IdentityNamePair | null;

  @ApiProperty()
  extensionOptionsUsed!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  irrevocableUntil!: string | null;
}

export class ContractTerminationTermsResponse {
  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The option; its name is the number of months' })
  noticePeriodMonths!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: Boolean })
  noticePeriodExtendsCurrent!: boolean | null;

  @ApiProperty({ enum: NOTICE_BY_END_OF, nullable: true })
  noticeByEndOf!: NoticeByEndOf | null;
}

export class ContractTerminationResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  terminatedAt!: string | null;

  @ApiProperty({ type: ContractTerminationTermsResponse })
  terms!: ContractTerminationTermsResponse;
}

export class ContractPaymentResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: IdentityNamePair })
  organizationUnit!: IdentityNamePair;

  @ApiProperty({ type: Number, description: 'Acquisition [Anskaffelse] in kroner (KITOS API v2), exact to the øre', example: 125_000 })
  acquisition!: number;

  @ApiProperty({ type: Number, description: 'Operation [Drift] in kroner (KITOS API v2), exact to the øre', example: 48_000 })
  operation!: number;

  @ApiProperty({ type: Number, description: 'Other [Andet] in kroner (KITOS API v2), exact to the øre', example: 0 })
  other!: number;

  @ApiProperty({ type: 'integer', description: 'The same acquisition in øre', example: 12_500_000 })
  acquisitionØre!: number;

  @ApiProperty({ type: 'integer', description: 'The same operation in øre', example: 4_800_000 })
  operationØre!: number;

  @ApiProperty({ type: 'integer', description: 'The same other amount in øre', example: 0 })
  otherØre!: number;

  @ApiProperty({ nullable: true, type: String })
  accountingEntry!: string | null;

  @ApiProperty({ enum: AUDIT_STATUSES })
  auditStatus!: AuditStatus;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  auditDate!: string | null;

  @ApiProperty({ nullable: true, type: String })
  note!: string | null;
}

export class ContractPaymentsResponse {
  @ApiProperty({ type: [ContractPaymentResponse] })
  internal!: ContractPaymentResponse[];

  @ApiProperty({ type: [ContractPaymentResponse] })
  external!: ContractPaymentResponse[];
}

export class ContractRoleAssignmentResponse {
  @ApiProperty({ type: IdentityNamePair })
  role!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  user!: IdentityNamePair;
}

/** Deadlines derived from the terms, as Danish calendar days (computed on every read for today in Europe/Copenhagen). */
export class ContractDeadlinesResponse {
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day notice can be given to end the contract at the next possible end (endIfNoticeToday)',
    example: '2025-09-30',
  })
  noticeDeadline!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The day the contract ends if notice is given today',
    example: '2025-12-31',
  })
  endIfNoticeToday!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The end of the irrevocable period [Uopsigelig til]' })
  irrevocableUntil!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day of the current agreement period, by which the next unused extension option must be exercised',
  })
  nextExtensionOptionDate!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When notice has been given: the day the contract ends' })
  terminationEffectiveDate!: string | null;
}

export class MoneyTotals {
  @ApiProperty({ type: 'integer', description: 'øre' })
  acquisitionØre!: number;

  @ApiProperty({ type: 'integer', description: 'øre' })
  operationØre!: number;

  @ApiProperty({ type: 'integer', description: 'øre' })
  otherØre!: number;

  @ApiProperty({ type: 'integer', description: 'acquisition + operation + other, øre' })
  totalØre!: number;
}

export class YearTotals extends MoneyTotals {
  @ApiProperty({ nullable: true, type: Number, description: 'null: payments with no audit date on a contract with no operations start' })
  year!: number | null;
}

export class ContractEconomyResponse {
  @ApiProperty({ type: MoneyTotals })
  internal!: MoneyTotals;

  @ApiProperty({ type: MoneyTotals })
  external!: MoneyTotals;

  @ApiProperty({ type: MoneyTotals })
  total!: MoneyTotals;

  @ApiProperty({
    type: [YearTotals],
    description: 'By the year of the audit date, else of operationsRemunerationStartedAt; ascending, null last',
  })
  byYear!: YearTotals[];
}

export class ItContractResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'Driftsaftale ESDH' })
  name!: string;

  @ApiProperty({ type: IdentityNamePair, description: 'The owning organisation' })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  parentContract!: IdentityNamePair | null;

  @ApiProperty({ type: ContractGeneralResponse })
  general!: ContractGeneralResponse;

  @ApiProperty({ type: ContractProcurementResponse })
  procurement!: ContractProcurementResponse;

  @ApiProperty({ type: ContractSupplierResponse })
  supplier!: ContractSupplierResponse;

  @ApiProperty({ type: ContractResponsibleResponse })
  responsible!: ContractResponsibleResponse;

  @ApiProperty({ type: [IdentityNamePair], description: 'name: the system of the usage' })
  systemUsages!: IdentityNamePair[];

  @ApiProperty({ type: [IdentityNamePair] })
  dataProcessingRegistrations!: IdentityNamePair[];

  @ApiProperty({ type: ContractPaymentModelResponse })
  paymentModel!: ContractPaymentModelResponse;

  @ApiProperty({ type: ContractAgreementPeriodResponse })
  agreementPeriod!: ContractAgreementPeriodResponse;

  @ApiProperty({ type: ContractTerminationResponse })
  termination!: ContractTerminationResponse;

  @ApiProperty({ type: ContractPaymentsResponse })
  payments!: ContractPaymentsResponse;

  @ApiProperty({ type: [ContractRoleAssignmentResponse] })
  roles!: ContractRoleAssignmentResponse[];

  @ApiProperty({ type: [ExternalReferenceResponse] })
  externalReferences!: ExternalReferenceResponse[];

  @ApiProperty({ type: ContractValidityResponse, description: 'Computed validity today (Europe/Copenhagen)' })
  validity!: ContractValidityResponse;

  @ApiProperty({ type: ContractDeadlinesResponse })
  deadlines!: ContractDeadlinesResponse;

  @ApiProperty({ type: ContractEconomyResponse, description: 'Totals of the payment streams' })
  economy!: ContractEconomyResponse;

  @ApiProperty({ format: 'date-time' })
  created!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  createdBy!: IdentityNamePair | null;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  lastModifiedBy!: IdentityNamePair | null;

  @ApiProperty({ type: 'integer', description: 'Version for optimistic concurrency; also sent as the ETag header' })
  version!: number;
}
