import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ChartFigure } from '../../components/charts/EChart';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { horizontalBars } from './chart-options';
import { useItSystemBenchmark, useOwnPosition, useSupplierBenchmark } from './data';
import { OwnMark } from './Suppressed';
import { ReportsLayout, TableDownloads, useChartWords } from './ReportsLayout';

const TOP = 20;

/** Usage of IT systems and suppliers across municipalities, the most used first, the organisation's own marked. */
export function UsagePage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const words = useChartWords();
  const own = useOwnPosition();
  const systems = useItSystemBenchmark();
  const suppliers = useSupplierBenchmark();
  const byCount = <T extends { municipalityCount: number }>(rows: readonly T[]) =>
    [...rows].sort((a, b) => b.municipalityCount - a.municipalityCount).slice(0, TOP);

  const topSystems = byCount(systems.data ?? []);
  const topSuppliers = byCount(suppliers.data ?? []);
  return (
    <ReportsLayout title={t('reports.usage.title')}>
      {systems.isPending ? (
        <Spinner />
      ) : systems.error ? (
        <ProblemAlert error={systems.error} />
      ) : topSystems.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <ChartFigure
          title={t('reports.usage.systems')}
          description={t('reports.usage.systemsHelp')}
          size="large"
          option={horizontalBars(
            topSystems.map((r) => ({ label: r.system.name ?? r.system.uuid, own: own.systems.has(r.system.uuid), suppressed: false })),
            [{ name: t('reports.usage.count'), values: topSystems.map((r) => r.municipalityCount) }],
            words,
          )}
          columns={[
            { key: 'system', label: t('reports.system') },
            { key: 'supplier', label: t('reports.supplier') },
            { key: 'count', label: t('reports.usage.count'), numeric: true },
          ]}
          rows={topSystems.map((r) => ({
            system: (
              <>
                {r.system.name}
                <OwnMark own={own.systems.has(r.system.uuid)} />
              </>
            ),
            supplier: r.supplier?.name ?? '–',
            count: format.number(r.municipalityCount),
          }))}
          highlightRows={topSystems.flatMap((r, i) => (own.systems.has(r.system.uuid) ? [i] : []))}
          footer={
            <>
              {(systems.data?.length ?? 0) > TOP && <p>{t('reports.limited', { shown: TOP, total: systems.data?.length })}</p>}
              <TableDownloads
                name="benchmark-it-systems"
                download={(f) => api.GET('/api/v2/benchmarks/it-systems', { params: { query: { format: f } }, parseAs: 'blob' })}
              />
            </>
          }
        />
      )}
      {suppliers.isPending ? (
        <Spinner />
      ) : suppliers.error ? (
        <ProblemAlert error={suppliers.error} />
      ) : topSuppliers.length === 0 ? null : (
        <ChartFigure
          title={t('reports.usage.suppliers')}
          description={t('reports.usage.suppliersHelp')}
          option={horizontalBars(
            topSuppliers.map((r) => ({
              label: r.supplier.name ?? r.supplier.uuid,
              own: own.suppliers.has(r.supplier.uuid),
              suppressed: false,
            })),
            [{ name: t('reports.usage.count'), values: topSuppliers.map((r) => r.municipalityCount) }],
            words,
          )}
          columns={[
            { key: 'supplier', label: t('reports.supplier') },
            { key: 'systems', label: t('reports.usage.systemsOfSupplier'), numeric: true },
            { key: 'count', label: t('reports.usage.count'), numeric: true },
          ]}
          rows={topSuppliers.map((r) => ({
            supplier: (
              <>
                {r.supplier.name}
                <OwnMark own={own.suppliers.has(r.supplier.uuid)} />
              </>
            ),
            systems: format.number(r.systems.length),
            count: format.number(r.municipalityCount),
          }))}
          highlightRows={topSuppliers.flatMap((r, i) => (own.suppliers.has(r.supplier.uuid) ? [i] : []))}
          footer={
            <TableDownloads
              name="benchmark-suppliers"
              download={(f) => api.GET('/api/v2/benchmarks/suppliers', { params: { query: { format: f } }, parseAs: 'blob' })}
            />
          }
        />
      )}
    </ReportsLayout>
  );
}
