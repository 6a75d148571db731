import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Spinner } from '../../components/Spinner';
import { AttentionBadges, useBenefitFormat } from './BenefitsSection';

/** The organisation's benefits attention list: benefits of active projects that are overdue or below plan, with links to their projects. */
export function BenefitsAttentionPage() {
  const { t } = useTranslation();
  const show = useBenefitFormat();
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const attention = useQuery({
    queryKey: ['benefits-attention', organizationUuid],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/organizations/{organizationUuid}/it-projects/benefits/attention', { params: { path: { organizationUuid } } }),
      ),
  });
  return (
    <>
      <p>
        <Link to="/projects">{t('common.back')}</Link>
      </p>
      <h1>{t('projects.attention.title')}</h1>
      <p>{t('projects.attention.intro')}</p>
      {attention.isPending ? (
        <Spinner />
      ) : attention.error ? (
        <ProblemAlert error={attention.error} />
      ) : attention.data.length === 0 ? (
        <p>{t('projects.attention.none')}</p>
      ) : (
        <ScrollTable label={t('projects.attention.title')}>
          <table className="table table--zebra table--compact" data-testid="benefits-attention">
            <caption className="sr-only">{t('projects.attention.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.benefits.description')}</th>
                <th scope="col">{t('projects.attention.project')}</th>
                <th scope="col">{t('projects.attention.reasons')}</th>
                <th scope="col">{t('projects.benefits.planRate')}</th>
                <th scope="col">{t('projects.benefits.targetDate')}</th>
                <th scope="col">{t('projects.benefits.owner')}</th>
              </tr>
            </thead>
            <tbody>
              {attention.data.map(({ project, benefit, reasons }) => (
                <tr key={benefit.uuid} data-benefit={benefit.uuid}>
                  <th scope="row">{benefit.description}</th>
                  <td>
                    <Link to="/projects/$uuid" params={{ uuid: project.uuid }} hash="project-benefits">
                      {project.name ?? project.uuid}
                    </Link>
                  </td>
                  <td>
                    <AttentionBadges benefit={benefit} reasons={reasons} />
                  </td>
                  <td className="project-number">{show.rate(benefit.realisation.planRate)}</td>
                  <td>{show.format.date(benefit.targetDate)}</td>
                  <td>{benefit.owner?.name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
    </>
  );
}
