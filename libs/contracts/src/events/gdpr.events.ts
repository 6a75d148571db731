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
} from 'class-validator';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const YES_NO_DONT_KNOW = ['No', 'Yes', 'DontKnow', 'Undecided'] as const;
export type YesNoDontKnow = (typeof YES_NO_DONT_KNOW)[number];

/** Answers of `agreementConcluded` in DPR snapshots. */
export const DPR_AGREEMENT_CONCLUDED = [...YES_NO_DONT_KNOW, 'Irrelevant'] as const;

/** An option value (country, basis for transfer, ...) by uuid and name. */
export class DprOptionRef {
  @IsUUID()
  uuid!: string;

  @IsString()
  name!: string;
}

/** An organisation acting as (sub-)processor, with its CVR when known. */
export class DprOrganizationRef {
  @IsUUID()
  uuid!: string;

  @IsString()
  name!: string;

  @IsOptional()
  @IsString()
  cvr!: string | null;
}

export class DprSubProcessor {
  @ValidateNested()
  @Type(() => DprOrganizationRef)
  organization!: DprOrganizationRef;

  @IsOptional()
  @ValidateNested()
  @Type(() => DprOptionRef)
  basisForTransfer!: DprOptionRef | null;

  @IsOptional()
  @IsIn(['Yes', 'No', 'Undecided'])
  transferToInsecureThirdCountry!: 'Yes' | 'No' | 'Undecided' | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => DprOptionRef)
  insecureThirdCountry!: DprOptionRef | null;
}

/**
 * The contract of the gdpr service's events (stream `GDPR`), defined ahead of the service so that contracts,
 * archiving and reporting can rely on it. The gdpr service may add properties; consumers read tolerantly (unknown
 * properties are dropped), so anything a consumer needs must be declared here. Renaming or removing needs v2.
 */
export class DataProcessingRegistrationSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsArray()
  @IsUUID('all', { each: true })
  systemUsageUuids!: string[];

  @IsOptional()
  @IsUUID()
  mainContractUuid!: string | null;

  /** Databehandleraftale indgået; the registrations also answer Irrelevant (KITOS `YesNoIrrelevantChoice`). */
  @IsOptional()
  @IsIn(DPR_AGREEMENT_CONCLUDED)
  agreementConcluded!: YesNoDontKnow | 'Irrelevant' | null;

  @IsArray()
  @IsUUID('all', { each: true })
  dataProcessorUuids!: string[];

  /** The next oversight [tilsyn] due, from the interval and the last completed oversight; null without an interval. */
  @IsOptional()
  @Matches(DAY)
  nextOversightDate!: string | null;

  @IsOptional()
  @IsUUID()
  responsibleOrganizationUnitUuid!: string | null;

  @IsDateString({ strict: true })
  lastModified!: string;

  // Added by the gdpr service for the Article 30 record, reminders and reporting (names as they were when written).

  @IsOptional()
  @Matches(DAY)
  agreementConcludedDate?: string | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => DprOptionRef)
  dataResponsible?: DprOptionRef | null;

  @IsOptional()
  @ValidateNested()
  @Type(() => DprOptionRef)
  basisForTransfer?: DprOptionRef | null;

  @IsOptional()
  @IsIn(['Yes', 'No', 'Undecided'])
  transferToInsecureThirdCountries?: 'Yes' | 'No' | 'Undecided' | null;

  /** Insecure third countries data is transferred to (Country options); empty unless transferToInsecureThirdCountries = Yes. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DprOptionRef)
  insecureThirdCountries?: DprOptionRef[];

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DprOrganizationRef)
  dataProcessors?: DprOrganizationRef[];

  @IsOptional()
  @IsIn(['Yes', 'No', 'Undecided'])
  hasSubDataProcessors?: 'Yes' | 'No' | 'Undecided' | null;

  /** Empty unless hasSubDataProcessors = Yes. */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DprSubProcessor)
  subDataProcessors?: DprSubProcessor[];

  /** Valid when there is no main contract or the main contract is valid (on the day of the event). */
  @IsOptional()
  @IsBoolean()
  valid?: boolean;

  @IsOptional()
  // KITOS's names, and the earlier EveryHalfYear/EverySecondYear of events published before the rename
  @IsIn(['Undecided', 'BiYearly', 'Yearly', 'EveryOtherYear', 'Other', 'EveryHalfYear', 'EverySecondYear'])
  oversightInterval?: string | null;

  @IsOptional()
  @IsIn(['Yes', 'No', 'Undecided'])
  isOversightCompleted?: 'Yes' | 'No' | 'Undecided' | null;

  @IsOptional()
  @Matches(DAY)
  lastOversightDate?: string | null;

  @IsOptional()
  @Matches(DAY)
  oversightScheduledInspectionDate?: string | null;

  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => DprOptionRef)
  oversightOptions?: DprOptionRef[];

  // Remarks [Bemærkninger]: free text, private to the organisation in cross-organisation reports (sharing rules).

  @IsOptional()
  @IsString()
  dataResponsibleRemark?: string | null;

  @IsOptional()
  @IsString()
  agreementConcludedRemark?: string | null;

  @IsOptional()
  @IsString()
  oversightOptionsRemark?: string | null;

  @IsOptional()
  @IsString()
  oversightIntervalRemark?: string | null;

  @IsOptional()
  @IsString()
  oversightCompletedRemark?: string | null;
}

export class DataProcessingRegistrationCreatedV1 {
  @ValidateNested()
  @Type(() => DataProcessingRegistrationSnapshot)
  registration!: DataProcessingRegistrationSnapshot;
}

export class DataProcessingRegistrationUpdatedV1 {
  @ValidateNested()
  @Type(() => DataProcessingRegistrationSnapshot)
  registration!: DataProcessingRegistrationSnapshot;

  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class DataProcessingRegistrationDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  name!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

/** What other services need of a usage's GDPR profile: personal data, and when its data is due for deletion. */
export class UsageGdprSnapshot {
  /** The usage (owned by catalog) this profile belongs to. */
  @IsUUID()
  usageUuid!: string;

  @IsUUID()
  organizationUuid!: string;

  /** Processes personal data (any data sensitivity level besides None). */
  @IsBoolean()
  processesPersonalData!: boolean;

  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  retentionPeriodDefined!: YesNoDontKnow | null;

  /**
   * The day the usage's data is due for deletion (the next data-retention evaluation when a retention period is
   * defined), or null. Archiving flags usages with archive duty whose data is due before an approved delivery.
   */
  @IsOptional()
  @Matches(DAY)
  deletionDueDate!: string | null;

  // Added for reporting (optional: earlier events lack them).

  /** Risk assessment conducted [Risikovurdering], and the day it was (last) conducted. */
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  riskAssessmentConducted?: YesNoDontKnow | null;

  @IsOptional()
  @Matches(DAY)
  riskAssessmentDate?: string | null;

  /** Free-text notes on the risk assessment: private to the organisation in cross-organisation reports. */
  @IsOptional()
  @IsString()
  riskAssessmentNotes?: string | null;

  /** Data protection impact assessment conducted [Konsekvensanalyse (DPIA)], and its day. */
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  dpiaConducted?: YesNoDontKnow | null;

  @IsOptional()
  @Matches(DAY)
  dpiaDate?: string | null;

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class UsageGdprChangedV1 {
  @ValidateNested()
  @Type(() => UsageGdprSnapshot)
  profile!: UsageGdprSnapshot;

  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class UsageGdprDeletedV1 {
  @IsUUID()
  usageUuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

/** A processing activity [Behandlingsaktivitet] of an organisation: what reporting needs to count and link. */
export class ProcessingActivitySnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  @MaxLength(200)
  name!: string;

  @IsArray()
  @IsUUID('all', { each: true })
  systemUsageUuids!: string[];

  @IsArray()
  @IsString({ each: true })
  legalBases!: string[];

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class ProcessingActivityChangedV1 {
  @ValidateNested()
  @Type(() => ProcessingActivitySnapshot)
  activity!: ProcessingActivitySnapshot;

  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class ProcessingActivityDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  name!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const GdprEvents = {
  dataProcessingRegistrationCreated: defineEvent('gdpr.data-processing-registration.created', 1, DataProcessingRegistrationCreatedV1),
  dataProcessingRegistrationUpdated: defineEvent('gdpr.data-processing-registration.updated', 1, DataProcessingRegistrationUpdatedV1),
  dataProcessingRegistrationDeleted: defineEvent('gdpr.data-processing-registration.deleted', 1, DataProcessingRegistrationDeletedV1),
  usageGdprChanged: defineEvent('gdpr.usage-gdpr.changed', 1, UsageGdprChangedV1),
  usageGdprDeleted: defineEvent('gdpr.usage-gdpr.deleted', 1, UsageGdprDeletedV1),
  processingActivityCreated: defineEvent('gdpr.processing-activity.created', 1, ProcessingActivityChangedV1),
  processingActivityUpdated: defineEvent('gdpr.processing-activity.updated', 1, ProcessingActivityChangedV1),
  processingActivityDeleted: defineEvent('gdpr.processing-activity.deleted', 1, ProcessingActivityDeletedV1),
} as const;
