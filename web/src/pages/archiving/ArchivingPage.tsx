import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { DownloadButton } from '../../components/DownloadButton';
import { ObjectLink, objectPaths } from '../../components/ObjectLink';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';

type Row = Schemas['ArchivingOverviewRow'];

function UsageLink({ usage }: { usage: Schemas['IdentityNamePair'] }) {
  return <ObjectLink href={objectPaths.usage(usage.uuid)}>{usage.name ?? usage.uuid}</ObjectLink>;
}

/**
 * The organisation's archiving: overdue deliveries, the archive-before-deletion warnings, decisions that differ from
 * the recommended archive duty, and the overview of every usage (downloadable as CSV and XLSX).
 */
export function ArchivingPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const path = { organizationUuid };
  const overview = useQuery({
    queryKey: ['archiving', 'overview', organizationUuid],
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{organizationUuid}/archiving/overview', { params: { path } })),
  });
  const overdue = useQuery({
    queryKey: ['archiving', 'overdue', organizationUuid],
    queryFn: () => unwrap(api.GET('/api/v2/organizations/{organizationUuid}/archiving/overdue-deliveries', { params: { path } })),
  });
  const download = (format: 'csv' | 'xlsx') => () =>
    api.GET('/api/v2/organizations/{organizationUuid}/archiving/overview', { params: { path, query: { format } }, parseAs: 'blob' });
  const duty = (value: string | null) => (value ? t(`archiving.dutyName.${value}`) : '');
  const months = (value: number | null) => (value == null ? '' : t('archiving.months', { count: value }));
  const withFinding = (rows: Row[], finding: Row['findings'][number]) => rows.filter((r) => r.findings.includes(finding));

  return (
    <>
      <h1>{t('archiving.title')}</h1>
      <p>{t('archiving.intro')}</p>
      <div className="download-actions">
        <DownloadButton label={t('archiving.downloadCsv')} fileName="arkivering.csv" download={download('csv')} />
        <DownloadButton label={t('archiving.downloadXlsx')} fileName="arkivering.xlsx" download={download('xlsx')} />
      </div>

      <section aria-labelledby="archiving-overdue">
        <h2 id="archiving-overdue">{t('archiving.overdue.title')}</h2>
        <p>{t('archiving.overdue.help')}</p>
        {overdue.isPending ? (
          <Spinner />
        ) : overdue.error ? (
          <ProblemAlert error={overdue.error} />
        ) : overdue.data.length === 0 ? (
          <p>{t('archiving.none')}</p>
        ) : (
          <table className="table table--compact table--zebra">
            <caption className="sr-only">{t('archiving.overdue.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('archiving.system')}</th>
                <th scope="col">{t('archiving.duty')}</th>
                <th scope="col">{t('archiving.frequency')}</th>
                <th scope="col">{t('archiving.latestApproved')}</th>
                <th scope="col">{t('archiving.nextDelivery')}</th>
                <th scope="col" className="numeric">
                  {t('archiving.daysOverdue')}
                </th>
              </tr>
            </thead>
            <tbody>
              {overdue.data.map((r) => (
                <tr key={r.usage.uuid}>
                  <th scope="row">
                    <UsageLink usage={r.usage} />
                  </th>
                  <td>{duty(r.archiveDuty)}</td>
                  <td>{months(r.frequencyInMonths)}</td>
                  <td>{format.date(r.latestApprovedPeriodEnd)}</td>
                  <td>{format.date(r.nextDeliveryDue)}</td>
                  <td className="numeric">{format.number(r.daysOverdue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {overview.isPending ? (
        <Spinner />
      ) : overview.error ? (
        <ProblemAlert error={overview.error} />
      ) : (
        <>
          <section aria-labelledby="archiving-deletion">
            <h2 id="archiving-deletion">{t('archiving.deletion.title')}</h2>
            <p>{t('archiving.deletion.help')}</p>
            {withFinding(overview.data, 'DeletionBeforeApprovedArchiving').length === 0 ? (
              <p>{t('archiving.none')}</p>
            ) : (
              <div className="alert alert-warning">
                <div className="alert-body">
                  <table className="table table--compact">
                    <caption className="sr-only">{t('archiving.deletion.title')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('archiving.system')}</th>
                        <th scope="col">{t('archiving.duty')}</th>
                        <th scope="col">{t('archiving.deletionDue')}</th>
                        <th scope="col">{t('archiving.latestApproved')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {withFinding(overview.data, 'DeletionBeforeApprovedArchiving').map((r) => (
                        <tr key={r.usage.uuid}>
                          <th scope="row">
                            <UsageLink usage={r.usage} />
                          </th>
                          <td>{duty(r.archiveDuty)}</td>
                          <td>{format.date(r.deletionDueDate)}</td>
                          <td>{format.date(r.latestApprovedPeriodEnd)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </div>
            )}
          </section>

          <section aria-labelledby="archiving-disagrees">
            <h2 id="archiving-disagrees">{t('archiving.disagrees.title')}</h2>
            <p>{t('archiving.disagrees.help')}</p>
            {withFinding(overview.data, 'DisagreesWithRecommendation').length === 0 ? (
              <p>{t('archiving.none')}</p>
            ) : (
              <table className="table table--compact table--zebra">
                <caption className="sr-only">{t('archiving.disagrees.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('archiving.system')}</th>
                    <th scope="col">{t('archiving.duty')}</th>
                    <th scope="col">{t('archiving.recommended')}</th>
                    <th scope="col">{t('archiving.legalBasis')}</th>
                  </tr>
                </thead>
                <tbody>
                  {withFinding(overview.data, 'DisagreesWithRecommendation').map((r) => (
                    <tr key={r.usage.uuid}>
                      <th scope="row">
                        <UsageLink usage={r.usage} />
                      </th>
                      <td>{duty(r.archiveDuty)}</td>
                      <td>{duty(r.recommendedArchiveDuty)}</td>
                      <td>{r.legalBasis ? [r.legalBasis.text, r.legalBasis.reference].filter(Boolean).join(', ') : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <section aria-labelledby="archiving-overview">
            <h2 id="archiving-overview">{t('archiving.overview.title')}</h2>
            {overview.data.length === 0 ? (
              <p>{t('archiving.none')}</p>
            ) : (
              <ScrollTable label={t('archiving.overview.caption')}>
                <table className="table table--compact table--zebra">
                  <caption className="sr-only">{t('archiving.overview.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('archiving.system')}</th>
                      <th scope="col">{t('archiving.localCallName')}</th>
                      <th scope="col">{t('archiving.duty')}</th>
                      <th scope="col">{t('archiving.recommended')}</th>
                      <th scope="col">{t('archiving.archive')}</th>
                      <th scope="col">{t('archiving.frequency')}</th>
                      <th scope="col">{t('archiving.nextDelivery')}</th>
                      <th scope="col">{t('archiving.findings')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {overview.data.map((r) => (
                      <tr key={r.usage.uuid}>
                        <th scope="row">
                          <UsageLink usage={r.usage} />
                        </th>
                        <td>{r.localCallName}</td>
                        <td>{duty(r.archiveDuty)}</td>
                        <td>{duty(r.recommendedArchiveDuty)}</td>
                        <td>
                          {r.receivingArchive ? (r.receivingArchive.name ?? t(`archiving.archiveKind.${r.receivingArchive.kind}`)) : ''}
                        </td>
                        <td>{months(r.frequencyInMonths)}</td>
                        <td>{format.date(r.nextDeliveryDue)}</td>
                        <td>
                          {r.findings.map((f) => (
                            <span key={f} className="badge badge-warning finding-badge">
                              {t(`archiving.finding.${f}`)}
                            </span>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            )}
          </section>
        </>
      )}
    </>
  );
}
