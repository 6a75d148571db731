import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { GdprNav } from './GdprNav';

export function ProcessingActivitiesPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const activities = useQuery({
    queryKey: ['gdpr', 'processing-activities', organizationUuid],
    queryFn: () => unwrap(api.GET('/api/v2/processing-activities', { params: { query: { organizationUuid, pageSize: 250 } } })),
  });
  return (
    <>
      <h1>{t('gdpr.activities.title')}</h1>
      <GdprNav />
      <p>{t('gdpr.activities.intro')}</p>
      {activities.isPending ? (
        <Spinner />
      ) : activities.error ? (
        <ProblemAlert error={activities.error} />
      ) : activities.data.length === 0 ? (
        <p>{t('gdpr.activities.empty')}</p>
      ) : (
        <ScrollTable label={t('gdpr.activities.title')}>
          <table className="table table--zebra table--compact">
            <caption className="sr-only">{t('gdpr.activities.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gdpr.activities.name')}</th>
                <th scope="col">{t('gdpr.activities.purposes')}</th>
                <th scope="col">{t('gdpr.activities.controllerRole')}</th>
                <th scope="col" className="numeric">
                  {t('gdpr.activities.categories')}
                </th>
                <th scope="col">{t('gdpr.activities.systems')}</th>
                <th scope="col" className="numeric">
                  {t('gdpr.activities.findings')}
                </th>
              </tr>
            </thead>
            <tbody>
              {activities.data.map((a) => (
                <tr key={a.uuid}>
                  <th scope="row">
                    <Link to="/gdpr/processing-activities/$uuid" params={{ uuid: a.uuid }}>
                      {a.name}
                    </Link>
                  </th>
                  <td>{a.purposes.join(', ')}</td>
                  <td>{t(`gdpr.activities.role.${a.controllerRole}`)}</td>
                  <td className="numeric">{format.number(a.dataCategories.length)}</td>
                  <td>{a.systemUsages.map((s) => s.name ?? s.uuid).join(', ')}</td>
                  <td className="numeric">{format.number(a.findings.length)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
