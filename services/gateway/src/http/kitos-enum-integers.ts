import {
  ARCHIVE_DUTIES,
  ARCHIVE_DUTY_RECOMMENDATIONS,
  AUDIT_STATUSES,
  CATALOG_DELETED_ENTITY_TYPES,
  CONTRACT_VALIDITY_ERRORS,
  DATA_SENSITIVITY_LEVELS,
  DELETED_ENTITY_TYPES,
  DPR_AGREEMENT_CONCLUDED,
  HOSTING_CHOICES,
  IT_SYSTEM_DELETION_CONFLICTS,
  LIFE_CYCLE_STATUSES,
  NOTICE_BY_END_OF,
  ORGANIZATION_ROLES,
  ORGANIZATION_TYPES,
  OVERSIGHT_INTERVALS,
  REGISTRATION_SCOPES,
  RISK_LEVELS,
  SPECIFIC_PERSONAL_DATA,
  TECHNICAL_PRECAUTIONS,
  YES_NO_DONT_KNOW,
  YES_NO_PARTIALLY,
  YES_NO_UNDECIDED,
} from '@kitos/contracts';

/** One of this API's enumerations and the integer KITOS API v2 gives each of its values. */
export interface KitosEnumMapping {
  /** KITOS's enum (`Presentation.Web/Models/API/V2/Types/**`). */
  readonly kitos: string;
  /** The values as this API writes them (the `enum` of the OpenAPI property). */
  readonly values: readonly string[];
  /** KITOS's integer of each value; a value KITOS does not have (this product's extension) stays a string. */
  readonly integers: Readonly<Record<string, number>>;
}

/** KITOS `TrackedEntityTypeChoice` (the delta feed); 5 was ItProject, removed from KITOS. */
const TRACKED_ENTITY_TYPES = {
  ItSystem: 0,
  ItSystemUsage: 1,
  ItInterface: 2,
  ItContract: 3,
  DataProcessingRegistration: 4,
  OrganizationUnit: 6,
};

/** Unit origin is an inline enum in its DTO. */
const UNIT_ORIGINS = ['Kitos', 'Import'] as const;

/**
 * The integers of KITOS's enums, as its Swagger defines them, for the `X-KITOS-SERIALIZE-ENUM-AS-INTEGER: true` header.
 * Each row is one enumeration of this API; docs/kitos-compatibility.md prints the same table.
 */
export const KITOS_ENUM_MAPPINGS: readonly KitosEnumMapping[] = [
  {
    kitos: 'OrganizationType',
    values: ORGANIZATION_TYPES,
    integers: { Municipality: 1, CommunityOfInterest: 2, Company: 3, OtherPublicAuthority: 4 },
  },
  {
    kitos: 'OrganizationUserRole',
    values: ORGANIZATION_ROLES,
    integers: { User: 0, LocalAdmin: 1, OrganizationModuleAdmin: 2, SystemModuleAdmin: 4, ContractModuleAdmin: 5, RightsHolderAccess: 7 },
  },
  { kitos: 'OrganizationUnitOriginChoice', values: UNIT_ORIGINS, integers: { Kitos: 0 } },
  { kitos: 'RegistrationScopeChoice', values: REGISTRATION_SCOPES, integers: { Local: 0, Global: 1 } },
  {
    kitos: 'RecommendedArchiveDutyChoice',
    values: ARCHIVE_DUTY_RECOMMENDATIONS,
    integers: { Undecided: 0, B: 1, K: 2, NoRecommendation: 3, PreserveDataCanDiscardDocuments: 4 },
  },
  {
    kitos: 'ArchiveDutyChoice',
    values: ARCHIVE_DUTIES,
    integers: { Undecided: 0, B: 1, K: 2, Unknown: 3, PreserveDataCanDiscardDocuments: 4 },
  },
  {
    kitos: 'SystemDeletionConflict',
    values: IT_SYSTEM_DELETION_CONFLICTS,
    integers: { HasItSystemUsages: 0, HasChildSystems: 1, HasInterfaceExposures: 2 },
  },
  {
    kitos: 'LifeCycleStatusChoice',
    values: LIFE_CYCLE_STATUSES,
    integers: { Undecided: 0, NotInUse: 1, PhasingIn: 2, Operational: 3, PhasingOut: 4 },
  },
  { kitos: 'YesNoUndecidedChoice', values: YES_NO_UNDECIDED, integers: { No: 0, Yes: 1, Undecided: 2 } },
  { kitos: 'YesNoPartiallyChoice', values: YES_NO_PARTIALLY, integers: { No: 0, Yes: 1, Partially: 2 } },
  { kitos: 'YesNoDontKnowChoice', values: YES_NO_DONT_KNOW, integers: { No: 0, Yes: 1, DontKnow: 2, Undecided: 3 } },
  { kitos: 'YesNoIrrelevantChoice', values: DPR_AGREEMENT_CONCLUDED, integers: { No: 0, Yes: 1, Irrelevant: 2, Undecided: 3 } },
  {
    kitos: 'OversightIntervalChoice',
    values: OVERSIGHT_INTERVALS,
    integers: { BiYearly: 0, Yearly: 1, EveryOtherYear: 2, Other: 3, Undecided: 4 },
  },
  { kitos: 'HostingChoice', values: HOSTING_CHOICES, integers: { Undecided: 0, OnPremise: 1, External: 2, Hybrid: 3 } },
  {
    kitos: 'DataSensitivityLevelChoice',
    values: DATA_SENSITIVITY_LEVELS,
    integers: { None: 0, PersonData: 1, SensitiveData: 2, LegalData: 3 },
  },
  {
    kitos: 'GDPRPersonalDataChoice',
    values: SPECIFIC_PERSONAL_DATA,
    integers: { CprNumber: 0, SocialProblems: 1, OtherPrivateMatters: 2 },
  },
  {
    kitos: 'TechnicalPrecautionChoice',
    values: TECHNICAL_PRECAUTIONS,
    integers: { Encryption: 0, Pseudonymization: 1, AccessControl: 2, Logging: 3 },
  },
  { kitos: 'RiskLevelChoice', values: RISK_LEVELS, integers: { Low: 0, Medium: 1, High: 2, Undecided: 3 } },
  { kitos: 'PaymentAuditStatus', values: AUDIT_STATUSES, integers: { White: 0, Red: 1, Yellow: 2, Green: 3 } },
  { kitos: 'YearSegmentChoice', values: NOTICE_BY_END_OF, integers: { EndOfCalendarYear: 0, EndOfQuarter: 1, EndOfMonth: 2 } },
  {
    kitos: 'ItContractValidationErrorChoice',
    values: CONTRACT_VALIDITY_ERRORS,
    integers: { StartDateNotPassed: 0, EndDatePassed: 1, TerminationPeriodExceeded: 2, InvalidParentContract: 3 },
  },
  ...[CATALOG_DELETED_ENTITY_TYPES, DELETED_ENTITY_TYPES].map((values) => ({
    kitos: 'TrackedEntityTypeChoice',
    values,
    integers: Object.fromEntries(Object.entries(TRACKED_ENTITY_TYPES).filter(([name]) => (values as readonly string[]).includes(name))),
  })),
];

const keyOf = (values: readonly unknown[]) => [...values].map(String).sort().join('|');
const BY_VALUES = new Map(KITOS_ENUM_MAPPINGS.map((m) => [keyOf(m.values), m]));

/** The mapping of an enumeration by its values (the OpenAPI `enum` of a property), if KITOS has that enumeration. */
export function kitosEnumOf(values: readonly unknown[]): KitosEnumMapping | undefined {
  return BY_VALUES.get(keyOf(values));
}
