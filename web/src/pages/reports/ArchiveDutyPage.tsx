import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { ChartFigure } from '../../components/charts/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { horizontalBars } from './chart-options';
import { PAGE_SIZE, allPages, useOwnPosition } from './data';
import { drawnValue, rowsToShow } from './figures';
import { OwnMark, Suppressible } from './Suppressed';
import { ReportsLayout, TableDownloads, useChartWords } from './ReportsLayout';

const LIMIT = 30;
const DECISIONS: Array<keyof Schemas['ArchiveDutyCounts']> = [
  'B',
  'K',
  'PreserveDataCanDiscardDocuments',
  'Unknown',
  'Undecided',
  'notRegistered',
];

/** Archive duty decisions per system across municipalities (stacked), suppressed groups said so. */
export function ArchiveDutyPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const words = useChartWords();
  const own = useOwnPosition();
  const table = useQuery({
    queryKey: ['benchmarks', 'archive-duty'],
    queryFn: () =>
      allPages((page) => unwrap(api.GET('/api/v2/benchmarks/archive-duty', { params: { query: { page, pageSize: PAGE_SIZE } } }))),
  });
  const rows = rowsToShow(table.data ?? [], (r) => !r.suppressed, own.systems, LIMIT);
  return (
    <ReportsLayout title={t('reports.archive.title')}>
      {table.isPending ? (
        <Spinner />
      ) : table.error ? (
        <ProblemAlert error={table.error} />
      ) : rows.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <ChartFigure
          wideTable
          title={t('reports.archive.chart')}
          description={t('reports.archive.help')}
          size="large"
          option={horizontalBars(
            rows.map((r) => ({ label: r.system.name ?? r.system.uuid, own: own.systems.has(r.system.uuid), suppressed: r.suppressed })),
            DECISIONS.map((d) => ({ name: t(`reports.archive.${d}`), values: rows.map((r) => drawnValue(r, r.decisions[d])) })),
            words,
            { stacked: true },
          )}
          columns={[
            { key: 'system', label: t('reports.system') },
            { key: 'usages', label: t('reports.archive.usages'), numeric: true },
            ...DECISIONS.map((d) => ({ key: d, label: t(`reports.archive.${d}`), numeric: true })),
          ]}
          rows={rows.map((r) => ({
            system: (
              <>
                {r.system.name}
                <OwnMark own={own.systems.has(r.system.uuid)} />
              </>
            ),
            usages: <Suppressible suppressed={r.suppressed}>{format.number(r.usages)}</Suppressible>,
            ...Object.fromEntries(
              DECISIONS.map((d) => [d, <Suppressible suppressed={r.suppressed}>{format.number(r.decisions[d])}</Suppressible>]),
            ),
          }))}
          highlightRows={rows.flatMap((r, i) => (own.systems.has(r.system.uuid) ? [i] : []))}
          footer={
            <>
              {(table.data?.length ?? 0) > rows.length && <p>{t('reports.limited', { shown: rows.length, total: table.data?.length })}</p>}
              <TableDownloads
                name="benchmark-archive-duty"
                download={(f) => api.GET('/api/v2/benchmarks/archive-duty', { params: { query: { format: f } }, parseAs: 'blob' })}
              />
            </>
          }
        />
      )}
    </ReportsLayout>
  );
}
