import type { Article30Finding } from '@kitos/contracts';
import type { ProcessingActivity } from './processing-activity';

/** What of a linked usage's GDPR profile bears on an activity's record entry. */
export interface LinkedUsageFacts {
  readonly technicalPrecautionsInPlace: string | null;
  readonly technicalPrecautionsApplied: readonly string[];
}

const finding = (article: string, field: string, message: string): Article30Finding => ({ article, field, message });

/**
 * The missing mandatory fields of an activity's entry in the controller record, Art. 30(1)(a–g), plus the legal basis
 * Datatilsynet expects. Each finding names the provision and the field to complete.
 */
export function activityFindings(activity: ProcessingActivity, usages: readonly LinkedUsageFacts[]): Article30Finding[] {
  const findings: Article30Finding[] = [];
  if (activity.controllerRole === 'JointController' && !activity.jointControllers.length)
    findings.push(finding('30(1)(a)', 'jointControllers', 'The activity is under joint control, but no joint controller is named'));
  if (!activity.purposes.length) findings.push(finding('30(1)(b)', 'purposes', 'No purpose of the processing is registered'));
  if (!activity.legalBases.length && !activity.nationalLawReferences.length)
    findings.push(finding('6/9/10', 'legalBases', 'No legal basis (GDPR art. 6, 9 or 10, or Danish law) is registered'));
  if (!activity.dataCategories.length)
    findings.push(finding('30(1)(c)', 'dataCategories', 'No categories of data subjects and personal data are registered'));
  if (activity.dataCategories.some((c) => c.sensitivity === 'SensitiveData') && !activity.legalBases.some((b) => b.startsWith('Art9')))
    findings.push(finding('9(2)', 'legalBases', 'Sensitive personal data is processed, but no basis in GDPR art. 9(2) is registered'));
  if (
    activity.dataCategories.some((c) => c.sensitivity === 'LegalData') &&
    !activity.legalBases.includes('Art10') &&
    !activity.nationalLawReferences.length
  )
    findings.push(
      finding('10', 'legalBases', 'Data on criminal offences is processed, but no basis in GDPR art. 10 or Danish law is registered'),
    );
  if (!activity.recipients.length) findings.push(finding('30(1)(d)', 'recipients', 'No categories of recipients are registered'));
  activity.recipients.forEach((r, i) => {
    if (r.thirdCountry && !r.country)
      findings.push(finding('30(1)(e)', `recipients[${i}].country`, `The third country of recipient "${r.name}" is not identified`));
    if (r.thirdCountry && !r.transferBasis)
      findings.push(
        finding(
          '30(1)(e)',
          `recipients[${i}].transferBasis`,
          `The transfer basis or safeguards for recipient "${r.name}" are not documented`,
        ),
      );
  });
  activity.dataCategories.forEach((c, i) => {
    if (!c.retentionPeriod && c.retentionMonths === null)
      findings.push(
        finding(
          '30(1)(f)',
          `dataCategories[${i}].retentionPeriod`,
          `No erasure deadline for "${c.personalDataCategory}" about "${c.dataSubjectCategory}"`,
        ),
      );
  });
  const usageMeasures = usages.some((u) => u.technicalPrecautionsInPlace === 'Yes' && u.technicalPrecautionsApplied.length > 0);
  if (!activity.securityMeasures && !usageMeasures)
    findings.push(
      finding(
        '30(1)(g)',
        'securityMeasures',
        'No description of technical and organisational security measures (nor any on the linked systems)',
      ),
    );
  return findings;
}
