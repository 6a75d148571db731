import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ChartFigure } from '../../components/charts/EChart';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { timelineOption } from './chart-options';
import { PAGE_SIZE, allPages, useOwnPosition } from './data';
import { timelineOf, yearsAfter } from './figures';
import { OwnMark } from './Suppressed';
import { ReportsLayout, TableDownloads } from './ReportsLayout';

/** Today in Denmark as YYYY-MM-DD. */
export function danishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}

/** Contract end dates per system across municipalities, as a timeline, the organisation's own contracts marked. */
export function ContractEndDatesPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const own = useOwnPosition();
  const today = danishToday();
  const [window, setWindow] = useState({ from: today, to: yearsAfter(today, 3) });
  const [draft, setDraft] = useState(window);
  const rows = useQuery({
    queryKey: ['benchmarks', 'contract-end-dates', window],
    queryFn: () =>
      allPages((page) =>
        unwrap(
          api.GET('/api/v2/benchmarks/contract-end-dates', {
            params: { query: { page, pageSize: PAGE_SIZE, endingFrom: window.from, endingTo: window.to } },
          }),
        ),
      ),
  });
  const timeline = timelineOf(rows.data ?? [], own.organizationUuid);
  const ordered = [...(rows.data ?? [])].sort((a, b) => (a.validTo ?? '').localeCompare(b.validTo ?? ''));
  return (
    <ReportsLayout title={t('reports.endDates.title')}>
      <form
        className="report-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setWindow(draft);
        }}
      >
        <div className={`form-group${fieldError(rows.error, 'endingFrom') ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor="report-from">
            {t('reports.from')}
          </label>
          {fieldError(rows.error, 'endingFrom') && (
            <span className="form-error-message" id="report-from-error">
              {fieldError(rows.error, 'endingFrom')}
            </span>
          )}
          <input
            id="report-from"
            type="date"
            className="form-input"
            value={draft.from}
            required
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className={`form-group${fieldError(rows.error, 'endingTo') ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor="report-to">
            {t('reports.to')}
          </label>
          <input
            id="report-to"
            type="date"
            className="form-input"
            value={draft.to}
            required
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <div className="form-group">
          <button type="submit" className="button button-secondary">
            {t('reports.show')}
          </button>
        </div>
      </form>
      {rows.isPending ? (
        <Spinner />
      ) : rows.error ? (
        <ProblemAlert error={rows.error} />
      ) : rows.data.length === 0 ? (
        <p>{t('reports.empty')}</p>
      ) : (
        <ChartFigure
          wideTable
          title={t('reports.endDates.chart')}
          description={t('reports.endDates.help')}
          size="large"
          option={timelineOption(
            timeline.systems,
            [
              {
                name: t('reports.othersLegend'),
                own: false,
                data: timeline.others.map((p) => ({ value: p.value, label: `${p.organization}: ${p.contract}` })),
              },
              {
                name: t('reports.ownLegend'),
                own: true,
                data: timeline.own.map((p) => ({ value: p.value, label: `${p.organization}: ${p.contract}` })),
              },
            ],
            window,
          )}
          columns={[
            { key: 'validTo', label: t('reports.endDates.validTo') },
            { key: 'system', label: t('reports.system') },
            { key: 'municipality', label: t('reports.municipality') },
            { key: 'contract', label: t('reports.contract') },
            { key: 'notice', label: t('reports.endDates.noticeDeadline') },
          ]}
          rows={ordered.map((r) => ({
            validTo: format.date(r.validTo),
            system: r.system.name,
            municipality: (
              <>
                {r.organization.name}
                <OwnMark own={r.organization.uuid === own.organizationUuid} />
              </>
            ),
            contract: r.contract.name,
            notice: r.noticeDeadline ? format.date(r.noticeDeadline) : '–',
          }))}
          highlightRows={ordered.flatMap((r, i) => (r.organization.uuid === own.organizationUuid ? [i] : []))}
          footer={
            <>
              {timeline.openEnded > 0 && <p>{t('reports.endDates.openEnded', { count: timeline.openEnded })}</p>}
              <TableDownloads
                name="benchmark-contract-end-dates"
                download={(f) =>
                  api.GET('/api/v2/benchmarks/contract-end-dates', {
                    params: { query: { format: f, endingFrom: window.from, endingTo: window.to } },
                    parseAs: 'blob',
                  })
                }
              />
            </>
          }
        />
      )}
    </ReportsLayout>
  );
}
