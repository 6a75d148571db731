import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { GdprDashboard } from './GdprDashboard';
import { useOrganizationDprs } from '../contracts/data';
import { GdprNav } from './GdprNav';

export function GdprDashboardPage() {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const uuid = current.organization.uuid;
  const dashboard = useQuery({
    queryKey: ['gdpr', 'dashboard', uuid],
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{uuid}/gdpr/dashboard', { params: { path: { uuid } } })),
  });
  const dprs = useOrganizationDprs(uuid);
  const registrationsOf = (usageUuid: string) =>
    (dprs.data ?? []).filter((d) => d.systemUsages.some((u) => u.uuid === usageUuid)).map((d) => ({ uuid: d.uuid, name: d.name }));
  return (
    <>
      <h1>{t('gdpr.dashboard.title')}</h1>
      <GdprNav />
      {dashboard.isPending ? (
        <Spinner />
      ) : dashboard.error ? (
        <ProblemAlert error={dashboard.error} />
      ) : (
        <GdprDashboard dashboard={dashboard.data} organization={current.organization.name} registrationsOf={registrationsOf} />
      )}
    </>
  );
}
