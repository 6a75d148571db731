import type { AgreementConcludedChoice, DprYesNo, OversightInterval } from '@kitos/contracts';

export interface DprSubProcessor {
  organizationUuid: string;
  basisForTransferUuid: string | null;
  transferToInsecureThirdCountry: DprYesNo | null;
  insecureThirdCountryUuid: string | null;
}

export interface DprOversightDate {
  uuid: string;
  /** `YYYY-MM-DD` */
  completedAt: string;
  remark: string | null;
  /** Link to the oversight report (KITOS `oversightReportLink`). */
  oversightReportLink: { name: string | null; url: string | null } | null;
}

export interface DprRole {
  roleUuid: string;
  /** The role's name when it was last assigned. */
  roleName: string;
  userUuid: string;
}

export interface DprReference {
  uuid: string;
  title: string;
  documentId: string | null;
  url: string | null;
  masterReference: boolean;
}

/** A data processing registration [Databehandling] (KITOS `DataProcessingRegistration`), one document. */
export interface DataProcessingRegistration extends Record<string, unknown> {
  organizationUuid: string;
  name: string;
  /** `<organizationUuid>:<lower-case name>` while live (unique); `deleted:<uuid>` once deleted. */
  nameKey: string;
  /** The name in lower case, for case-insensitive search and ordering. */
  nameLower: string;
  dataResponsibleUuid: string | null;
  dataResponsibleRemark: string | null;
  isAgreementConcluded: AgreementConcludedChoice | null;
  isAgreementConcludedRemark: string | null;
  agreementConcludedAt: string | null;
  basisForTransferUuid: string | null;
  transferToInsecureThirdCountries: DprYesNo | null;
  insecureCountryUuids: string[];
  dataProcessorUuids: string[];
  hasSubDataProcessors: DprYesNo | null;
  subDataProcessors: DprSubProcessor[];
  /** The sub-processors' organisations (derived), so registrations can be filtered by sub-processor. */
  subDataProcessorUuids: string[];
  mainContractUuid: string | null;
  responsibleUnitUuid: string | null;
  /** The unit's name when it was assigned (from the directory copy). */
  responsibleUnitName: string | null;
  systemUsageUuids: string[];
  oversightOptionUuids: string[];
  oversightOptionsRemark: string | null;
  oversightInterval: OversightInterval | null;
  oversightIntervalRemark: string | null;
  isOversightCompleted: DprYesNo | null;
  oversightCompletedRemark: string | null;
  oversightDates: DprOversightDate[];
  oversightScheduledInspectionDate: string | null;
  /** Derived from the oversight fields on every write (oversight-schedule.ts); stored so overdue ones can be queried. */
  nextOversightDate: string | null;
  roles: DprRole[];
  externalReferences: DprReference[];
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export function nameKeyOf(organizationUuid: string, name: string): string {
  return `${organizationUuid}:${name.trim().toLocaleLowerCase('da')}`;
}

/** The registration as API field paths → values: what field-level changes in events are made of. */
export function dprFields(r: DataProcessingRegistration): Record<string, unknown> {
  return {
    name: r.name,
    'general.dataResponsibleUuid': r.dataResponsibleUuid,
    'general.dataResponsibleRemark': r.dataResponsibleRemark,
    'general.isAgreementConcluded': r.isAgreementConcluded,
    'general.isAgreementConcludedRemark': r.isAgreementConcludedRemark,
    'general.agreementConcludedAt': r.agreementConcludedAt,
    'general.basisForTransferUuid': r.basisForTransferUuid,
    'general.transferToInsecureThirdCountries': r.transferToInsecureThirdCountries,
    'general.insecureCountriesSubjectToDataTransferUuids': r.insecureCountryUuids,
    'general.dataProcessorUuids': r.dataProcessorUuids,
    'general.hasSubDataProcessors': r.hasSubDataProcessors,
    'general.subDataProcessors': r.subDataProcessors,
    'general.mainContractUuid': r.mainContractUuid,
    'general.responsibleOrganizationUnitUuid': r.responsibleUnitUuid,
    systemUsageUuids: r.systemUsageUuids,
    'oversight.oversightOptionUuids': r.oversightOptionUuids,
    'oversight.oversightOptionsRemark': r.oversightOptionsRemark,
    'oversight.oversightInterval': r.oversightInterval,
    'oversight.oversightIntervalRemark': r.oversightIntervalRemark,
    'oversight.isOversightCompleted': r.isOversightCompleted,
    'oversight.oversightCompletedRemark': r.oversightCompletedRemark,
    'oversight.oversightDates': r.oversightDates.map((d) => ({
      completedAt: d.completedAt,
      remark: d.remark,
      oversightReportLink: d.oversightReportLink,
    })),
    'oversight.oversightScheduledInspectionDate': r.oversightScheduledInspectionDate,
    'oversight.nextOversightDate': r.nextOversightDate,
    roles: r.roles.map((x) => ({ roleUuid: x.roleUuid, userUuid: x.userUuid })),
    externalReferences: r.externalReferences,
  };
}
