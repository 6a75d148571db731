import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ChartFigure } from '../../components/charts/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { horizontalBars } from './chart-options';
import { PAGE_SIZE, allPages, useOwnPosition } from './data';
import { drawnValue, rowsToShow } from './figures';
import { OwnMark, Suppressible } from './Suppressed';
import { ReportsLayout, TableDownloads, useChartWords } from './ReportsLayout';

const LIMIT = 30;

function usePercent() {
  const { i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'da-DK', { style: 'percent', maximumFractionDigits: 0 });
  return (value: number | null | undefined) => (value == null ? '–' : number.format(value));
}

/** GDPR shares (DPA, DPIA, risk assessment) per system and for the whole country; suppressed groups say so. */
export function GdprBenchmarkPage() {
  const { t } = useTranslation();
  const percent = usePercent();
  const words = useChartWords();
  const own = useOwnPosition();
  const national = useQuery({
    queryKey: ['benchmarks', 'gdpr', 'national'],
    queryFn: () => unwrap(api.GET('/api/v2/benchmarks/gdpr/national')),
  });
  const perSystem = useQuery({
    queryKey: ['benchmarks', 'gdpr'],
    queryFn: () => allPages((page) => unwrap(api.GET('/api/v2/benchmarks/gdpr', { params: { query: { page, pageSize: PAGE_SIZE } } }))),
  });
  const measures = [
    { key: 'dpa', label: t('reports.gdpr.dpa') },
    { key: 'dpia', label: t('reports.gdpr.dpia') },
    { key: 'risk', label: t('reports.gdpr.risk') },
  ] as const;
  const rows = rowsToShow(perSystem.data ?? [], (r) => !r.suppressed, own.systems, LIMIT);
  const share = (
    r: { dpaShare: number | null; dpiaShare: number | null; riskAssessmentShare: number | null },
    key: 'dpa' | 'dpia' | 'risk',
  ) => (key === 'dpa' ? r.dpaShare : key === 'dpia' ? r.dpiaShare : r.riskAssessmentShare);
  return (
    <ReportsLayout title={t('reports.gdpr.title')}>
      {national.isPending ? (
        <Spinner />
      ) : national.error ? (
        <ProblemAlert error={national.error} />
      ) : (
        <ChartFigure
          title={t('reports.gdpr.nationalChart')}
          description={
            national.data.suppressed ? (
              <Suppressible suppressed>{null}</Suppressible>
            ) : (
              t('reports.gdpr.nationalHelp', { systems: national.data.systems, usages: national.data.usagesWithPersonalData })
            )
          }
          size="small"
          option={horizontalBars(
            measures.map((m) => ({ label: m.label, own: false, suppressed: national.data.suppressed })),
            [{ name: t('reports.gdpr.share'), values: measures.map((m) => drawnValue(national.data, share(national.data, m.key))) }],
            words,
            { max: 1, formatValue: (v) => percent(v) },
          )}
          columns={[
            { key: 'measure', label: t('reports.gdpr.measure') },
            { key: 'share', label: t('reports.gdpr.share'), numeric: true },
          ]}
          rows={measures.map((m) => ({
            measure: m.label,
            share: <Suppressible suppressed={national.data.suppressed}>{percent(share(national.data, m.key))}</Suppressible>,
          }))}
        />
      )}
      {perSystem.isPending ? (
        <Spinner />
      ) : perSystem.error ? (
        <ProblemAlert error={perSystem.error} />
      ) : rows.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <ChartFigure
          wideTable
          title={t('reports.gdpr.chart')}
          description={t('reports.gdpr.help')}
          size="large"
          option={horizontalBars(
            rows.map((r) => ({ label: r.system.name ?? r.system.uuid, own: own.systems.has(r.system.uuid), suppressed: r.suppressed })),
            measures.map((m) => ({ name: m.label, values: rows.map((r) => drawnValue(r, share(r, m.key))) })),
            words,
            { max: 1, formatValue: (v) => percent(v) },
          )}
          columns={[
            { key: 'system', label: t('reports.system') },
            { key: 'usages', label: t('reports.gdpr.usages'), numeric: true },
            ...measures.map((m) => ({ key: m.key, label: m.label, numeric: true })),
          ]}
          rows={rows.map((r) => ({
            system: (
              <>
                {r.system.name}
                <OwnMark own={own.systems.has(r.system.uuid)} />
              </>
            ),
            usages: <Suppressible suppressed={r.suppressed}>{r.usagesWithPersonalData}</Suppressible>,
            ...Object.fromEntries(
              measures.map((m) => [m.key, <Suppressible suppressed={r.suppressed}>{percent(share(r, m.key))}</Suppressible>]),
            ),
          }))}
          highlightRows={rows.flatMap((r, i) => (own.systems.has(r.system.uuid) ? [i] : []))}
          footer={
            <>
              {(perSystem.data?.length ?? 0) > rows.length && (
                <p>{t('reports.limited', { shown: rows.length, total: perSystem.data?.length })}</p>
              )}
              <TableDownloads
                name="benchmark-gdpr"
                download={(f) => api.GET('/api/v2/benchmarks/gdpr', { params: { query: { format: f } }, parseAs: 'blob' })}
              />
            </>
          }
        />
      )}
    </ReportsLayout>
  );
}
