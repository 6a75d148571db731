import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { formatters } from '../../i18n';

type Dashboard = Schemas['GdprDashboardResponse'];

/** The dashboard's categories of gaps, most pressing first; each lists the usages to fix. */
export const DASHBOARD_CATEGORIES = [
  'personalDataWithoutDpa',
  'sensitiveWithoutDpia',
  'missingRiskAssessment',
  'outdatedRiskAssessment',
  'undefinedRetention',
  'overdueOversight',
  'deletionBeforeApprovedArchiving',
] as const;
type Category = (typeof DASHBOARD_CATEGORIES)[number];
type Registration = { uuid: string; name: string };

/** Where a usage's finding is fixed: the GDPR tab of its page, or its archiving tab for the archive finding. */
export function usageFixPath(category: Category, usageUuid: string): string {
  return `${objectPaths.usage(usageUuid)}?tab=${category === 'deletionBeforeApprovedArchiving' ? 'archiving' : 'gdpr'}`;
}

/**
 * Where a missing data processing agreement is fixed: the registration that already covers the usage (its agreement is
 * not concluded yet), else a new registration for the usage.
 */
export function dpaFixPath(usageUuid: string, registrations: readonly Registration[]): string {
  return registrations[0] ? objectPaths.dataProcessing(registrations[0].uuid) : `/data-processing/new?systemUsageUuid=${usageUuid}`;
}

/**
 * The DPO's compliance overview: how many usages lack a DPA, a DPIA, a (recent) risk assessment, a retention period, an
 * oversight on time or their archiving before deletion, and under each the objects to fix, linked to their pages.
 */
export function GdprDashboard({
  dashboard,
  organization,
  registrationsOf = () => [],
}: {
  dashboard: Dashboard;
  organization: string;
  /** The registrations that cover a usage (to fix a missing agreement where it is registered). */
  registrationsOf?: (usageUuid: string) => Registration[];
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const title = (category: Category) => t(`gdpr.dashboard.${category}`, { months: dashboard.riskAssessmentMaxAgeMonths });
  return (
    <>
      <p>
        {t('gdpr.dashboard.intro', {
          organization,
          usages: format.number(dashboard.usageCount),
          personal: format.number(dashboard.personalDataUsageCount),
        })}
      </p>
      <table className="table table--compact">
        <caption>{t('gdpr.dashboard.summary')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('gdpr.dashboard.category')}</th>
            <th scope="col" className="numeric">
              {t('gdpr.dashboard.count')}
            </th>
          </tr>
        </thead>
        <tbody>
          {DASHBOARD_CATEGORIES.map((category) => (
            <tr key={category}>
              <th scope="row">
                <a href={`#gdpr-${category}`}>{title(category)}</a>
              </th>
              <td className="numeric">{format.number(dashboard[category].count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {DASHBOARD_CATEGORIES.map((category) => {
        const { count, usages } = dashboard[category];
        const withDate = usages.some((u) => u.date);
        return (
          <section key={category} aria-labelledby={`gdpr-${category}`} className="dashboard-category">
            <h2 id={`gdpr-${category}`} tabIndex={-1}>
              {title(category)} <span className="badge">{format.number(count)}</span>
            </h2>
            <p>{t(`gdpr.dashboard.${category}Help`)}</p>
            {count === 0 ? (
              <p>{t('gdpr.dashboard.none')}</p>
            ) : (
              <table className="table table--compact table--zebra">
                <caption className="sr-only">{title(category)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('gdpr.dashboard.system')}</th>
                    {withDate && <th scope="col">{t('gdpr.dashboard.date')}</th>}
                    {category === 'personalDataWithoutDpa' && <th scope="col">{t('gdpr.dashboard.fixColumn')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {usages.map((usage) => (
                    <tr key={usage.usageUuid}>
                      <td>
                        <ObjectLink href={usageFixPath(category, usage.usageUuid)}>{usage.systemName ?? usage.usageUuid}</ObjectLink>
                      </td>
                      {withDate && <td>{format.date(usage.date)}</td>}
                      {category === 'personalDataWithoutDpa' && (
                        <td>
                          <DpaFixLink
                            usageUuid={usage.usageUuid}
                            system={usage.systemName ?? usage.usageUuid}
                            registrations={registrationsOf(usage.usageUuid)}
                          />
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {category === 'overdueOversight' && dashboard.overdueOversightRegistrations.length > 0 && (
              <table className="table table--compact table--zebra">
                <caption className="sr-only">{t('gdpr.dashboard.registration')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('gdpr.dashboard.registration')}</th>
                    <th scope="col">{t('gdpr.dashboard.nextOversight')}</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.overdueOversightRegistrations.map((r) => (
                    <tr key={r.dataProcessingRegistrationUuid}>
                      <td>
                        <ObjectLink href={`${objectPaths.dataProcessing(r.dataProcessingRegistrationUuid)}#dpr-oversight-heading`}>
                          {r.name}
                        </ObjectLink>
                      </td>
                      <td>{format.date(r.nextOversightDate)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </>
  );
}

function DpaFixLink({ usageUuid, system, registrations }: { usageUuid: string; system: string; registrations: Registration[] }) {
  const { t } = useTranslation();
  return (
    <ObjectLink href={dpaFixPath(usageUuid, registrations)}>
      {registrations[0] ? t('gdpr.dashboard.fixDpaExisting', { name: registrations[0].name }) : t('gdpr.dashboard.fixDpaNew', { system })}
    </ObjectLink>
  );
}
