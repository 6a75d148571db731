/**
 * The parts of KITOS's public API v2 responses the importer reads (`/work/shared/domain/kitos-reference.md` §2, §3;
 * KITOS's `Response/**` DTOs). Everything is optional or nullable the way KITOS sends it: the mapping decides what a
 * missing value means here.
 */
export interface KitosPair {
  uuid: string;
  name?: string | null;
}

export interface KitosShallowOrganization extends KitosPair {
  cvr?: string | null;
}

export interface KitosOrganization extends KitosShallowOrganization {
  organizationType?: string | null;
}

export interface KitosOrganizationUnit {
  uuid: string;
  name: string;
  parentOrganizationUnit?: KitosPair | null;
  ean?: number | null;
  unitId?: string | null;
  origin?: string | null;
}

export interface KitosUser {
  uuid: string;
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
  apiAccess?: boolean | null;
  roles?: string[] | null;
}

export interface KitosExternalReference {
  uuid?: string;
  title: string;
  documentId?: string | null;
  url?: string | null;
  masterReference?: boolean | null;
}

export interface KitosItSystem {
  uuid: string;
  name: string;
  formerName?: string | null;
  description?: string | null;
  parentSystem?: KitosPair | null;
  rightsHolder?: KitosShallowOrganization | null;
  businessType?: KitosPair | null;
  /** KLE task references (the name is the KLE number). */
  kle?: KitosPair[] | null;
  scope?: string | null;
  deactivated?: boolean | null;
  externalReferences?: KitosExternalReference[] | null;
  organizationContext?: KitosShallowOrganization | null;
  lastModified?: string | null;
}

export interface KitosItInterface {
  uuid: string;
  name: string;
  interfaceId?: string | null;
  version?: string | null;
  description?: string | null;
  notes?: string | null;
  urlReference?: string | null;
  itInterfaceType?: KitosPair | null;
  scope?: string | null;
  deactivated?: boolean | null;
  exposedBySystem?: KitosPair | null;
  data?: Array<{ uuid?: string | null; description?: string | null; dataType?: KitosPair | null }> | null;
  organizationContext?: KitosShallowOrganization | null;
  lastModified?: string | null;
}

export interface KitosUsageGeneral {
  localSystemId?: string | null;
  localCallName?: string | null;
  systemVersion?: string | null;
  notes?: string | null;
  dataClassification?: KitosPair | null;
  numberOfExpectedUsers?: { lowerBound: number; upperBound?: number | null } | null;
  validity?: { lifeCycleStatus?: string | null; validFrom?: string | null; validTo?: string | null } | null;
  containsAITechnology?: string | null;
  webAccessibilityCompliance?: string | null;
  lastWebAccessibilityCheck?: string | null;
  webAccessibilityNotes?: string | null;
  mainContract?: KitosPair | null;
}

export interface KitosItSystemUsage {
  uuid: string;
  systemContext: KitosPair;
  organizationContext: KitosShallowOrganization;
  general?: KitosUsageGeneral | null;
  organizationUsage?: { usingOrganizationUnits?: KitosPair[] | null; responsibleOrganizationUnit?: KitosPair | null } | null;
  externalReferences?: KitosExternalReference[] | null;
  roles?: Array<{ role: KitosPair; user: KitosPair }> | null;
  outgoingSystemRelations?: KitosSystemRelation[] | null;
  localKleDeviations?: { addedKLE?: KitosPair[] | null; removedKLE?: KitosPair[] | null } | null;
  gdpr?: KitosUsageGdpr | null;
  archiving?: KitosUsageArchiving | null;
  lastModified?: string | null;
}

type KitosLink = { name?: string | null; url?: string | null } | null;

export interface KitosUsageGdpr {
  purpose?: string | null;
  businessCritical?: string | null;
  hostedAt?: string | null;
  directoryDocumentation?: KitosLink;
  dataSensitivityLevels?: string[] | null;
  sensitivePersonData?: KitosPair[] | null;
  specificPersonalData?: string[] | null;
  registeredDataCategories?: KitosPair[] | null;
  technicalPrecautionsInPlace?: string | null;
  technicalPrecautionsApplied?: string[] | null;
  technicalPrecautionsDocumentation?: KitosLink;
  userSupervision?: string | null;
  userSupervisionDate?: string | null;
  userSupervisionDocumentation?: KitosLink;
  riskAssessmentConducted?: string | null;
  riskAssessmentConductedDate?: string | null;
  riskAssessmentResult?: string | null;
  riskAssessmentDocumentation?: KitosLink;
  riskAssessmentNotes?: string | null;
  plannedRiskAssessmentDate?: string | null;
  dpiaConducted?: string | null;
  dpiaDate?: string | null;
  dpiaDocumentation?: KitosLink;
  retentionPeriodDefined?: string | null;
  nextDataRetentionEvaluationDate?: string | null;
  dataRetentionEvaluationFrequencyInMonths?: number | null;
}

export interface KitosUsageArchiving {
  archiveDuty?: string | null;
  type?: KitosPair | null;
  location?: KitosPair | null;
  testLocation?: KitosPair | null;
  supplierOrganization?: KitosShallowOrganization | null;
  active?: boolean | null;
  notes?: string | null;
  frequencyInMonths?: number | null;
  documentBearing?: boolean | null;
  journalPeriods?: Array<{ uuid?: string; archiveId: string; startDate: string; endDate: string; approved?: boolean | null }> | null;
}

export interface KitosSystemRelation {
  uuid: string;
  toSystemUsage: KitosPair;
  relationInterface?: KitosPair | null;
  associatedContract?: KitosPair | null;
  relationFrequency?: KitosPair | null;
  description?: string | null;
  urlReference?: string | null;
}

export interface KitosTokenResponse {
  token: string;
  email?: string;
  loginSuccessful?: boolean;
  expires?: string;
}

export interface KitosRoleAssignment {
  role: KitosPair;
  user: KitosPair;
}

export interface KitosContractPayment {
  organizationUnit?: KitosPair | null;
  /** KITOS API v2 amounts are kroner (whole or with øre). */
  acquisition?: number | null;
  operation?: number | null;
  other?: number | null;
  accountingEntry?: string | null;
  auditStatus?: string | null;
  auditDate?: string | null;
  note?: string | null;
}

interface KitosSignature {
  signed?: boolean | null;
  signedBy?: string | null;
  signedAt?: string | null;
}

export interface KitosItContract {
  uuid: string;
  name: string;
  organizationContext?: KitosShallowOrganization | null;
  parentContract?: KitosPair | null;
  general?: {
    contractId?: string | null;
    contractType?: KitosPair | null;
    contractTemplate?: KitosPair | null;
    agreementElements?: KitosPair[] | null;
    notes?: string | null;
    criticality?: KitosPair | null;
    validity?: {
      enforcedValid?: boolean | null;
      validFrom?: string | null;
      validTo?: string | null;
      requireValidParent?: boolean | null;
    } | null;
  } | null;
  procurement?: {
    purchaseType?: KitosPair | null;
    procurementStrategy?: KitosPair | null;
    procurementPlan?: { quarterOfYear: number; year: number } | null;
    procurementInitiated?: string | null;
  } | null;
  supplier?: (KitosSignature & { organization?: KitosShallowOrganization | null }) | null;
  responsible?: (KitosSignature & { organizationUnit?: KitosPair | null }) | null;
  systemUsages?: KitosPair[] | null;
  dataProcessingRegistrations?: KitosPair[] | null;
  paymentModel?: {
    operationsRemunerationStartedAt?: string | null;
    paymentFrequency?: KitosPair | null;
    paymentModel?: KitosPair | null;
    priceRegulation?: KitosPair | null;
  } | null;
  agreementPeriod?: {
    durationYears?: number | null;
    durationMonths?: number | null;
    isContinuous?: boolean | null;
    extensionOptions?: KitosPair | null;
    extensionOptionsUsed?: number | null;
    irrevocableUntil?: string | null;
  } | null;
  termination?: {
    terminatedAt?: string | null;
    terms?: { noticePeriodMonths?: KitosPair | null; noticePeriodExtendsCurrent?: boolean | null; noticeByEndOf?: string | null } | null;
  } | null;
  payments?: { internal?: KitosContractPayment[] | null; external?: KitosContractPayment[] | null } | null;
  roles?: KitosRoleAssignment[] | null;
  externalReferences?: KitosExternalReference[] | null;
  lastModified?: string | null;
}

export interface KitosDataProcessingRegistration {
  uuid: string;
  name: string;
  organizationContext?: KitosShallowOrganization | null;
  general?: {
    dataResponsible?: KitosPair | null;
    dataResponsibleRemark?: string | null;
    isAgreementConcluded?: string | null;
    isAgreementConcludedRemark?: string | null;
    agreementConcludedAt?: string | null;
    basisForTransfer?: KitosPair | null;
    transferToInsecureThirdCountries?: string | null;
    insecureCountriesSubjectToDataTransfer?: KitosPair[] | null;
    dataProcessors?: KitosShallowOrganization[] | null;
    hasSubDataProcessors?: string | null;
    subDataProcessors?: Array<{
      dataProcessorOrganization: KitosShallowOrganization;
      basisForTransfer?: KitosPair | null;
      transferToInsecureThirdCountry?: string | null;
      insecureThirdCountrySubjectToDataProcessing?: KitosPair | null;
    }> | null;
    mainContract?: KitosPair | null;
    responsibleOrganizationUnit?: KitosPair | null;
  } | null;
  systemUsages?: KitosPair[] | null;
  oversight?: {
    oversightOptions?: KitosPair[] | null;
    oversightOptionsRemark?: string | null;
    oversightInterval?: string | null;
    oversightIntervalRemark?: string | null;
    isOversightCompleted?: string | null;
    oversightCompletedRemark?: string | null;
    oversightDates?: Array<{ uuid?: string; completedAt: string; remark?: string | null }> | null;
    oversightScheduledInspectionDate?: string | null;
  } | null;
  roles?: KitosRoleAssignment[] | null;
  externalReferences?: KitosExternalReference[] | null;
  lastModified?: string | null;
}
