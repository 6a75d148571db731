import type { Article30Controller, Article30ControllerEntry, Article30Finding, Article30ProcessorEntry } from '@kitos/contracts';
import type { DprCopy } from '../copies/dpr-copies.repository';
import type { OrganizationCopy } from '../copies/organization-copies.repository';
import { activityFindings } from '../activities/activity-findings';
import { legalBasisText, type ProcessingActivity } from '../activities/processing-activity';
import { gdprFieldsOf, processesPersonalData, type GdprFields, type UsageGdpr } from '../usage-gdpr/usage-gdpr';
import { EMPTY_GDPR } from '../usage-gdpr/usage-gdpr';
import type { UsageCopy } from '../usages/usage-copy.repository';
import { PRECAUTION_LABELS, SENSITIVITY_LABELS, SPECIFIC_DATA_LABELS } from './danish-labels';

const finding = (article: string, field: string, message: string): Article30Finding => ({ article, field, message });
const unique = (values: readonly string[]) => [...new Set(values.filter((v) => v && v.trim()))];

export interface ActivityInput {
  readonly uuid: string;
  readonly activity: ProcessingActivity;
}

export interface UsageInput {
  readonly usage: UsageCopy;
  readonly profile: (UsageGdpr & { optionNames: UsageGdpr['optionNames'] }) | null;
}

/** Art. 30(1)(a) of the organisation, and what is missing of it. */
export function controllerOf(organization: OrganizationCopy): { controller: Article30Controller; findings: Article30Finding[] } {
  const findings: Article30Finding[] = [];
  if (!organization.address && !organization.email && !organization.phone && !organization.dataController)
    findings.push(
      finding('30(1)(a)', 'controller.contact', 'No contact details of the controller (address, e-mail, phone or data controller contact)'),
    );
  if (!organization.dataProtectionOfficer)
    findings.push(finding('30(1)(a)', 'dataProtectionOfficer', 'No data protection officer (DPO) is registered for the organisation'));
  return {
    controller: {
      organizationUuid: organization.uuid,
      name: organization.name,
      cvr: organization.cvr,
      address: organization.address,
      email: organization.email,
      phone: organization.phone,
      dataController: organization.dataController,
      dataProtectionOfficer: organization.dataProtectionOfficer,
    },
    findings,
  };
}

function securityMeasuresOf(p: GdprFields): string[] {
  const measures = p.technicalPrecautionsInPlace === 'Yes' ? p.technicalPrecautionsApplied.map((t) => PRECAUTION_LABELS[t]) : [];
  if (p.userSupervision === 'Yes') measures.push('Logning af brugerkontrol');
  return measures;
}

/** Entry of a processing activity: its own fields, with the systems it runs on. */
export function activityEntry(
  { uuid, activity }: ActivityInput,
  usages: ReadonlyMap<string, UsageCopy>,
  profiles: ReadonlyMap<string, GdprFields>,
): Article30ControllerEntry {
  const linked = activity.systemUsageUuids.map((u) => profiles.get(u)).filter((p): p is GdprFields => p !== undefined);
  return {
    kind: 'processingActivity',
    uuid,
    name: activity.name,
    jointControllers: activity.jointControllers.map((j) => (j.contact ? `${j.name} (${j.contact})` : j.name)),
    representative: activity.representative,
    purposes: [...activity.purposes],
    legalBases: [...activity.legalBases.map(legalBasisText), ...activity.nationalLawReferences],
    dataSubjectCategories: unique(activity.dataCategories.map((c) => c.dataSubjectCategory)),
    personalDataCategories: unique(activity.dataCategories.map((c) => c.personalDataCategory)),
    recipients: activity.recipients.map((r) => (r.category ? `${r.name} (${r.category})` : r.name)),
    thirdCountryTransfers: activity.recipients
      .filter((r) => r.thirdCountry)
      .map((r) => `${r.name}: ${r.country ?? 'land ikke angivet'}${r.transferBasis ? ` – ${r.transferBasis}` : ''}`),
    erasureTimeLimits: activity.dataCategories
      .filter((c) => c.retentionPeriod || c.retentionMonths !== null)
      .map((c) => `${c.personalDataCategory} (${c.dataSubjectCategory}): ${c.retentionPeriod ?? `${c.retentionMonths} måneder`}`),
    securityMeasures: unique([...(activity.securityMeasures ? [activity.securityMeasures] : []), ...linked.flatMap(securityMeasuresOf)]),
    systems: activity.systemUsageUuids.map((u) => usages.get(u)?.systemName ?? u),
    findings: activityFindings(activity, linked),
  };
}

/** Whether a usage belongs in the controller record: it processes personal data, or nobody has said whether it does. */
export function usageInRecord(profile: GdprFields | null): boolean {
  return !profile || !profile.dataSensitivityLevels.length || processesPersonalData(profile);
}

/** Entry of a system usage processing personal data, from its GDPR profile, its registrations and its activities. */
export function usageEntry(
  { usage, profile }: UsageInput,
  activities: readonly ProcessingActivity[],
  registrations: readonly DprCopy[],
): Article30ControllerEntry {
  const p: GdprFields = profile ? gdprFieldsOf(profile) : { ...EMPTY_GDPR };
  const names = new Map((profile?.optionNames ?? []).map((o) => [o.uuid, o.name]));
  const mine = activities.filter((a) => a.systemUsageUuids.includes(usage.uuid));
  const covering = registrations.filter((r) => r.systemUsageUuids.includes(usage.uuid));
  const name = usage.localCallName ? `${usage.systemName ?? usage.uuid} (${usage.localCallName})` : (usage.systemName ?? usage.uuid);
  const entry: Article30ControllerEntry = {
    kind: 'systemUsage',
    uuid: usage.uuid,
    name,
    jointControllers: unique(mine.flatMap((a) => a.jointControllers.map((j) => j.name))),
    representative: mine.find((a) => a.representative)?.representative ?? null,
    purposes: unique([...(p.purpose ? [p.purpose] : []), ...mine.flatMap((a) => a.purposes)]),
    legalBases: unique(mine.flatMap((a) => [...a.legalBases.map(legalBasisText), ...a.nationalLawReferences])),
    dataSubjectCategories: unique(mine.flatMap((a) => a.dataCategories.map((c) => c.dataSubjectCategory))),
    personalDataCategories: unique([
      ...p.dataSensitivityLevels.map((l) => SENSITIVITY_LABELS[l]),
      ...p.sensitivePersonDataUuids.map((u) => names.get(u) ?? u),
      ...p.specificPersonalData.map((s) => SPECIFIC_DATA_LABELS[s]),
      ...p.registeredDataCategoryUuids.map((u) => names.get(u) ?? u),
      ...mine.flatMap((a) => a.dataCategories.map((c) => c.personalDataCategory)),
    ]),
    recipients: unique([
      ...covering.flatMap((r) => r.dataProcessors.map((d) => `${d.name} (databehandler)`)),
      ...covering.flatMap((r) => r.subDataProcessors.map((d) => `${d.name} (underdatabehandler)`)),
      ...mine.flatMap((a) => a.recipients.map((r) => (r.category ? `${r.name} (${r.category})` : r.name))),
    ]),
    thirdCountryTransfers: unique([
      ...covering.flatMap((r) =>
        r.insecureThirdCountries.map((c) => `${c}${r.basisForTransfer ? ` – ${r.basisForTransfer}` : ''} (${r.name})`),
      ),
      ...covering.flatMap((r) => r.subDataProcessors.filter((s) => s.country).map((s) => `${s.country} (${s.name})`)),
      ...mine.flatMap((a) => a.recipients.filter((r) => r.thirdCountry).map((r) => `${r.country ?? 'land ikke angivet'} (${r.name})`)),
    ]),
    erasureTimeLimits: unique([
      ...(p.retentionPeriodDefined === 'Yes'
        ? [
            `Bevaringsfrist defineret; næste evaluering ${p.nextDataRetentionEvaluationDate ?? 'ikke angivet'}` +
              (p.dataRetentionEvaluationFrequencyInMonths ? `, hver ${p.dataRetentionEvaluationFrequencyInMonths}. måned` : ''),
          ]
        : []),
      ...mine.flatMap((a) =>
        a.dataCategories
          .filter((c) => c.retentionPeriod || c.retentionMonths !== null)
          .map((c) => `${c.personalDataCategory}: ${c.retentionPeriod ?? `${c.retentionMonths} måneder`}`),
      ),
    ]),
    securityMeasures: unique([...securityMeasuresOf(p), ...mine.flatMap((a) => (a.securityMeasures ? [a.securityMeasures] : []))]),
    systems: [usage.systemName ?? usage.uuid],
    findings: [],
  };
  const f = entry.findings;
  if (!p.dataSensitivityLevels.length)
    f.push(finding('30(1)(c)', 'dataSensitivityLevels', 'It is not registered whether (and which) personal data the system processes'));
  if (!entry.purposes.length)
    f.push(finding('30(1)(b)', 'purpose', 'No purpose is registered for the system or its processing activities'));
  if (!entry.dataSubjectCategories.length)
    f.push(finding('30(1)(c)', 'dataSubjectCategories', 'No categories of data subjects: link the usage to a processing activity'));
  if (!entry.recipients.length)
    f.push(finding('30(1)(d)', 'recipients', 'No recipients: neither data processors (registrations) nor recipients of linked activities'));
  for (const r of covering)
    if (!r.transferToInsecureThirdCountries || r.transferToInsecureThirdCountries === 'Undecided')
      f.push(
        finding(
          '30(1)(e)',
          'transferToInsecureThirdCountries',
          `Registration "${r.name}" does not say whether data is transferred to insecure third countries`,
        ),
      );
  if (!entry.erasureTimeLimits.length)
    f.push(finding('30(1)(f)', 'retentionPeriodDefined', 'No erasure deadline: no retention period on the system nor on its activities'));
  if (!entry.securityMeasures.length)
    f.push(finding('30(1)(g)', 'technicalPrecautionsApplied', 'No technical or organisational security measures are registered'));
  return entry;
}

/** Art. 30(2): a registration of another organisation naming this one as (sub-)processor. */
export function processorEntry(
  registration: DprCopy,
  controller: OrganizationCopy | null,
  usages: ReadonlyMap<string, UsageCopy>,
  profiles: ReadonlyMap<string, GdprFields>,
): Article30ProcessorEntry {
  const systems = registration.systemUsageUuids.map((u) => usages.get(u)?.systemName).filter((n): n is string => !!n);
  const measures = unique(registration.systemUsageUuids.flatMap((u) => (profiles.has(u) ? securityMeasuresOf(profiles.get(u)!) : [])));
  const transfers = unique([
    ...registration.insecureThirdCountries.map((c) => `${c}${registration.basisForTransfer ? ` – ${registration.basisForTransfer}` : ''}`),
    ...registration.subDataProcessors.filter((s) => s.country).map((s) => `${s.country} (${s.name})`),
  ]);
  const findings: Article30Finding[] = [];
  if (!controller?.dataProtectionOfficer)
    findings.push(finding('30(2)(a)', 'controllerDataProtectionOfficer', "The controller's data protection officer is not known"));
  if (!systems.length)
    findings.push(finding('30(2)(b)', 'systemUsageUuids', 'No systems on the registration describe the categories of processing'));
  if (!registration.transferToInsecureThirdCountries || registration.transferToInsecureThirdCountries === 'Undecided')
    findings.push(
      finding(
        '30(2)(c)',
        'transferToInsecureThirdCountries',
        'The registration does not say whether data is transferred to insecure third countries',
      ),
    );
  if (!measures.length)
    findings.push(
      finding('30(2)(d)', 'securityMeasures', 'No technical or organisational security measures are registered on the systems'),
    );
  return {
    dataProcessingRegistrationUuid: registration.uuid,
    name: registration.name,
    controller: { uuid: registration.organizationUuid, name: controller?.name ?? null },
    controllerDataProtectionOfficer: controller?.dataProtectionOfficer ?? null,
    categoriesOfProcessing: unique([registration.name, ...systems]),
    thirdCountryTransfers: transfers,
    securityMeasures: measures,
    findings,
  };
}
