import type { DataSensitivityLevel, SpecificPersonalData, TechnicalPrecaution } from '@kitos/contracts';

/** The Danish terms KITOS shows for its GDPR choices, used in the record and the report. */
export const SENSITIVITY_LABELS: Record<DataSensitivityLevel, string> = {
  None: 'Ingen personoplysninger',
  PersonData: 'Almindelige personoplysninger',
  SensitiveData: 'Følsomme personoplysninger',
  LegalData: 'Straffedomme og lovovertrædelser',
};

export const SPECIFIC_DATA_LABELS: Record<SpecificPersonalData, string> = {
  CprNumber: 'CPR-nummer',
  SocialProblems: 'Væsentlige sociale problemer',
  OtherPrivateMatters: 'Andre rent private forhold',
};

export const PRECAUTION_LABELS: Record<TechnicalPrecaution, string> = {
  Encryption: 'Kryptering',
  Pseudonymization: 'Pseudonymisering',
  AccessControl: 'Adgangsstyring',
  Logging: 'Logning',
};
