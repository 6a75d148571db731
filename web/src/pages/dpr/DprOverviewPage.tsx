import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { DeadlineDate } from '../contracts/ContractDeadlines';
import { NameFilter, Pager } from '../contracts/FormControls';

const PAGE_SIZE = 50;

/** The organisation's data processing registrations [Databehandling] with the next oversight highlighted when near. */
export function DprOverviewPage() {
  const { t, i18n } = useTranslation();
  const { current } = useSignedIn();
  const format = formatters(i18n.language);
  const [page, setPage] = useState(0);
  const [filter, setFilter] = useState('');
  const organizationUuid = current.organization.uuid;
  const list = useQuery({
    queryKey: ['dprs', organizationUuid, page, filter.trim()],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/data-processing-registrations', {
          params: {
            query: { organizationUuid, page, pageSize: PAGE_SIZE, orderByProperty: 'Name', nameContains: filter.trim() || undefined },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = list.data ?? [];
  const c = (k: string) => t(`dpr.columns.${k}`);
  return (
    <>
      <div className="kitos-page-head">
        <h1>{t('dpr.title')}</h1>
        <Link to="/data-processing/new" className="button button-primary">
          {t('dpr.create')}
        </Link>
      </div>
      <NameFilter
        id="dpr-filter"
        label={t('dpr.filterName')}
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(0);
        }}
      />
      <ProblemAlert error={list.error} />
      {list.isPending ? (
        <Spinner />
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra table--compact">
            <caption className="sr-only">{t('dpr.caption', { organization: current.organization.name })}</caption>
            <thead>
              <tr>
                {['name', 'agreement', 'processors', 'interval', 'latestOversight', 'nextOversight', 'valid'].map((k) => (
                  <th key={k} scope="col">
                    {c(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((dpr) => {
                const dates = dpr.oversight.oversightDates;
                return (
                  <tr key={dpr.uuid}>
                    <td>
                      <Link to="/data-processing/$uuid" params={{ uuid: dpr.uuid }}>
                        {dpr.name}
                      </Link>
                    </td>
                    <td>{dpr.general.isAgreementConcluded ? t(`dpr.answers.${dpr.general.isAgreementConcluded}`) : ''}</td>
                    <td>{dpr.general.dataProcessors.map((p) => p.name).join(', ')}</td>
                    <td>{dpr.oversight.oversightInterval ? t(`dpr.intervals.${dpr.oversight.oversightInterval}`) : ''}</td>
                    <td>{format.date(dates[dates.length - 1]?.completedAt)}</td>
                    <td>
                      <DeadlineDate day={dpr.oversight.nextOversightDate} />
                    </td>
                    <td>{dpr.general.valid ? t('dpr.valid') : t('dpr.invalid')}</td>
                  </tr>
                );
              })}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={7}>{t('dpr.empty')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} rows={rows.length} pageSize={PAGE_SIZE} onPage={setPage} />
    </>
  );
}
