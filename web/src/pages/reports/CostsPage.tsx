import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ChartFigure } from '../../components/charts/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { horizontalBars } from './chart-options';
import { PAGE_SIZE, allPages, useOwnPosition } from './data';
import { drawnValue, rowsToShow } from './figures';
import { OwnMark, Suppressible } from './Suppressed';
import { ReportsLayout, TableDownloads, useChartWords } from './ReportsLayout';
import { danishToday } from './ContractEndDatesPage';

const LIMIT = 30;

/** Cost per system, per organisation and per expected user across municipalities; suppressed groups say so. */
export function CostsPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const words = useChartWords();
  const own = useOwnPosition();
  const thisYear = Number(danishToday().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const costs = useQuery({
    queryKey: ['benchmarks', 'costs', year],
    queryFn: () =>
      allPages((page) => unwrap(api.GET('/api/v2/benchmarks/costs', { params: { query: { page, pageSize: PAGE_SIZE, year } } }))),
  });
  const kroner = (ore: number | null | undefined) => (ore == null ? '–' : format.kroner(ore / 100));
  const rows = rowsToShow(costs.data ?? [], (r) => !r.cost.suppressed, own.systems, LIMIT);
  return (
    <ReportsLayout title={t('reports.costs.title')}>
      <div className="form-group">
        <label className="form-label" htmlFor="report-year">
          {t('reports.costs.year')}
        </label>
        <select id="report-year" className="form-select" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {Array.from({ length: 6 }, (_, i) => thisYear + 1 - i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      {costs.isPending ? (
        <Spinner />
      ) : costs.error ? (
        <ProblemAlert error={costs.error} />
      ) : rows.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <ChartFigure
          wideTable
          title={t('reports.costs.chart')}
          description={t('reports.costs.help')}
          size="large"
          option={horizontalBars(
            rows.map((r) => ({
              label: r.system.name ?? r.system.uuid,
              own: own.systems.has(r.system.uuid),
              suppressed: r.cost.suppressed,
            })),
            [
              {
                name: t('reports.costs.average'),
                values: rows.map((r) => {
                  const value = drawnValue(r.cost, r.cost.averagePerOrganizationOre);
                  return value === null ? null : value / 100;
                }),
              },
            ],
            words,
            { formatValue: (v) => format.number(v) },
          )}
          columns={[
            { key: 'system', label: t('reports.system') },
            { key: 'organizations', label: t('reports.organizations'), numeric: true },
            { key: 'average', label: t('reports.costs.average'), numeric: true },
            { key: 'total', label: t('reports.costs.total'), numeric: true },
            { key: 'perUser', label: t('reports.costs.perUser'), numeric: true },
          ]}
          rows={rows.map((r) => ({
            system: (
              <>
                {r.system.name}
                <OwnMark own={own.systems.has(r.system.uuid)} />
              </>
            ),
            organizations: <Suppressible suppressed={r.cost.suppressed}>{format.number(r.cost.organizations)}</Suppressible>,
            average: <Suppressible suppressed={r.cost.suppressed}>{kroner(r.cost.averagePerOrganizationOre)}</Suppressible>,
            total: <Suppressible suppressed={r.cost.suppressed}>{kroner(r.cost.totalOre)}</Suppressible>,
            perUser: <Suppressible suppressed={r.perUser.suppressed}>{kroner(r.perUser.costPerUserOre)}</Suppressible>,
          }))}
          highlightRows={rows.flatMap((r, i) => (own.systems.has(r.system.uuid) ? [i] : []))}
          footer={
            <>
              {(costs.data?.length ?? 0) > rows.length && <p>{t('reports.limited', { shown: rows.length, total: costs.data?.length })}</p>}
              <TableDownloads
                name={`benchmark-costs-${year}`}
                download={(f) => api.GET('/api/v2/benchmarks/costs', { params: { query: { format: f, year } }, parseAs: 'blob' })}
              />
            </>
          }
        />
      )}
    </ReportsLayout>
  );
}
