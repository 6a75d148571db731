import type {
  DataSensitivityLevel,
  HostingChoice,
  RiskLevel,
  SpecificPersonalData,
  TechnicalPrecaution,
  YesNoDontKnow,
} from '@kitos/contracts';

export interface Link {
  name: string | null;
  url: string | null;
}

export interface OptionValue {
  uuid: string;
  /** The option's name when it was chosen (names of options are not expected to change often; shown as stored). */
  name: string;
}

/** The GDPR fields of a usage, by their API names (options by uuid): what the rules work on. */
export interface GdprFields {
  purpose: string | null;
  businessCritical: YesNoDontKnow | null;
  hostedAt: HostingChoice | null;
  directoryDocumentation: Link | null;
  dataSensitivityLevels: DataSensitivityLevel[];
  sensitivePersonDataUuids: string[];
  specificPersonalData: SpecificPersonalData[];
  registeredDataCategoryUuids: string[];
  technicalPrecautionsInPlace: YesNoDontKnow | null;
  technicalPrecautionsApplied: TechnicalPrecaution[];
  technicalPrecautionsDocumentation: Link | null;
  userSupervision: YesNoDontKnow | null;
  userSupervisionDate: string | null;
  userSupervisionDocumentation: Link | null;
  riskAssessmentConducted: YesNoDontKnow | null;
  riskAssessmentConductedDate: string | null;
  riskAssessmentResult: RiskLevel | null;
  riskAssessmentDocumentation: Link | null;
  riskAssessmentNotes: string | null;
  plannedRiskAssessmentDate: string | null;
  dpiaConducted: YesNoDontKnow | null;
  dpiaDate: string | null;
  dpiaDocumentation: Link | null;
  retentionPeriodDefined: YesNoDontKnow | null;
  nextDataRetentionEvaluationDate: string | null;
  dataRetentionEvaluationFrequencyInMonths: number | null;
}

export type GdprField = keyof GdprFields;

/** The stored profile: the fields, the names of the chosen options, and whose usage it is. */
export interface UsageGdpr extends GdprFields, Record<string, unknown> {
  organizationUuid: string;
  optionNames: OptionValue[];
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export const EMPTY_GDPR: Readonly<GdprFields> = Object.freeze({
  purpose: null,
  businessCritical: null,
  hostedAt: null,
  directoryDocumentation: null,
  dataSensitivityLevels: [],
  sensitivePersonDataUuids: [],
  specificPersonalData: [],
  registeredDataCategoryUuids: [],
  technicalPrecautionsInPlace: null,
  technicalPrecautionsApplied: [],
  technicalPrecautionsDocumentation: null,
  userSupervision: null,
  userSupervisionDate: null,
  userSupervisionDocumentation: null,
  riskAssessmentConducted: null,
  riskAssessmentConductedDate: null,
  riskAssessmentResult: null,
  riskAssessmentDocumentation: null,
  riskAssessmentNotes: null,
  plannedRiskAssessmentDate: null,
  dpiaConducted: null,
  dpiaDate: null,
  dpiaDocumentation: null,
  retentionPeriodDefined: null,
  nextDataRetentionEvaluationDate: null,
  dataRetentionEvaluationFrequencyInMonths: null,
});

export const GDPR_FIELDS = Object.keys(EMPTY_GDPR) as GdprField[];

export function gdprFieldsOf(profile: GdprFields): GdprFields {
  return Object.fromEntries(GDPR_FIELDS.map((f) => [f, profile[f]])) as unknown as GdprFields;
}

/** Processes personal data: any sensitivity level besides None (what archiving and the dashboard go by). */
export function processesPersonalData(p: Pick<GdprFields, 'dataSensitivityLevels'>): boolean {
  return p.dataSensitivityLevels.some((l) => l !== 'None');
}

/** Special categories (Art. 9), criminal data (Art. 10) or CPR numbers: where a DPIA is expected. */
export function processesSensitiveData(p: Pick<GdprFields, 'dataSensitivityLevels' | 'specificPersonalData'>): boolean {
  return p.dataSensitivityLevels.some((l) => l === 'SensitiveData' || l === 'LegalData') || p.specificPersonalData.includes('CprNumber');
}

/** The day the data is due for deletion: the next retention evaluation when a retention period is defined. */
export function deletionDueDate(p: Pick<GdprFields, 'retentionPeriodDefined' | 'nextDataRetentionEvaluationDate'>): string | null {
  return p.retentionPeriodDefined === 'Yes' ? p.nextDataRetentionEvaluationDate : null;
}
