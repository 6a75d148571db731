import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSession, useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';
import { downloadOverview, fetchOverviewPage, REPORT, type OverviewState } from './overview-query';
import { UsageOverviewGrid } from './UsageOverviewGrid';

type Column = Schemas['ReportColumnDescription'];
type View = Schemas['ReportView'];
type Row = Record<string, unknown> & { uuid: string };

function ColumnChooser({ all, chosen, onChange }: { all: Column[]; chosen: string[]; onChange: (columns: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <details className="details column-chooser">
      <summary className="details-summary">{t('usages.chooseColumns')}</summary>
      <fieldset className="details-text">
        <legend className="sr-only">{t('usages.columns')}</legend>
        <ul className="nobullet-list column-list">
          {all.map((column) => (
            <li key={column.key} className="form-group-checkbox">
              <input
                id={`column-${column.key}`}
                className="form-checkbox"
                type="checkbox"
                checked={chosen.includes(column.key)}
                disabled={chosen.length === 1 && chosen.includes(column.key)}
                onChange={(e) =>
                  onChange(
                    e.target.checked
                      ? all.map((c) => c.key).filter((k) => k === column.key || chosen.includes(k))
                      : chosen.filter((k) => k !== column.key),
                  )
                }
              />
              <label htmlFor={`column-${column.key}`}>{t(`usages.columnNames.${column.key}`, { defaultValue: column.header })}</label>
            </li>
          ))}
        </ul>
      </fieldset>
    </details>
  );
}

function SaveViewForm({
  state,
  organizationUuid,
  onSaved,
}: {
  state: OverviewState;
  organizationUuid: string;
  onSaved: (view: View) => void;
}) {
  const { t } = useTranslation();
  const { hasRole } = useSession();
  const queries = useQueryClient();
  const [name, setName] = useState('');
  const [organizationDefault, setOrganizationDefault] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v2/report-views', {
          body: {
            organizationUuid,
            report: REPORT,
            name: name.trim(),
            columns: state.columns,
            sort: state.sort ?? null,
            filters: Object.fromEntries(Object.entries(state.filters).filter(([, v]) => v.trim() !== '')),
            organizationDefault: organizationDefault || undefined,
          },
        }),
      ),
    onSuccess: async (view) => {
      await queries.invalidateQueries({ queryKey: ['report-views'] });
      setName('');
      onSaved(view);
    },
  });
  return (
    <form
      className="save-view"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
      noValidate
    >
      <ProblemAlert error={save.error} />
      {save.isSuccess && (
        <p className="alert alert-success" role="status">
          {t('usages.viewSaved', { name: save.data.name })}
        </p>
      )}
      <Field
        name="name"
        label={t('usages.viewName')}
        value={name}
        maxLength={200}
        onChange={(e) => setName(e.target.value)}
        error={fieldError(save.error, 'name')}
      />
      {hasRole('LocalAdmin') && (
        <div className="form-group form-group-checkbox">
          <input
            id="view-organization-default"
            className="form-checkbox"
            type="checkbox"
            checked={organizationDefault}
            onChange={(e) => setOrganizationDefault(e.target.checked)}
          />
          <label htmlFor="view-organization-default">{t('usages.asOrgDefault')}</label>
        </div>
      )}
      <button type="submit" className="button button-secondary" disabled={save.isPending}>
        {t('usages.saveView')}
      </button>
    </form>
  );
}

/** The organisation's systems in use [IT-systemer i anvendelse] over the report endpoint, with saved views and exports. */
export function UsageOverviewPage() {
  const { t } = useTranslation();
  const { current, user } = useSignedIn();
  const { hasRole } = useSession();
  const organizationUuid = current.organization.uuid;
  const queries = useQueryClient();

  const catalogue = useQuery({
    queryKey: ['report-columns', REPORT],
    queryFn: () => unwrap(api.GET('/api/v2/reports/{report}/columns', { params: { path: { report: REPORT } } })),
    staleTime: Infinity,
  });
  const views = useQuery({
    queryKey: ['report-views', organizationUuid, REPORT],
    queryFn: () => unwrap(api.GET('/api/v2/report-views', { params: { query: { organizationUuid, report: REPORT } } })),
  });

  const [chosen, setChosen] = useState<OverviewState & { view: string }>();
  const apply = useCallback(
    (view: View | undefined, all: Column[]) =>
      setChosen({
        view: view?.uuid ?? '',
        columns: view?.columns.length ? view.columns : all.filter((c) => c.default).map((c) => c.key),
        sort: view?.sort ?? undefined,
        filters: { ...(view?.filters ?? {}) },
      }),
    [],
  );
  // the organisation's default view applies until the user chooses another
  useEffect(() => {
    if (!chosen && catalogue.data && views.data)
      apply(
        views.data.find((v) => v.organizationDefault),
        catalogue.data.columns,
      );
  }, [chosen, catalogue.data, views.data, apply]);

  const filters = useDebounced(chosen?.filters ?? {}, 400);
  const state = useMemo<OverviewState | undefined>(
    () => chosen && { columns: chosen.columns, sort: chosen.sort, filters },
    [chosen, filters],
  );
  const report = useInfiniteQuery({
    queryKey: ['usage-overview', organizationUuid, state],
    queryFn: ({ pageParam }) => fetchOverviewPage(organizationUuid, state!, pageParam),
    initialPageParam: 0,
    getNextPageParam: (last) => ((last.page + 1) * last.pageSize < last.total ? last.page + 1 : undefined),
    enabled: state !== undefined,
    placeholderData: (previous) => previous,
  });
  const rows = useMemo(() => (report.data?.pages ?? []).flatMap((p) => p.rows as Row[]), [report.data]);
  const total = report.data?.pages[0]?.total ?? 0;
  const loadMore = useCallback(() => void report.fetchNextPage(), [report]);

  const exporter = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => downloadOverview(organizationUuid, state!, format),
  });
  const deleteView = useMutation({
    mutationFn: (view: View) =>
      unwrap(
        api.DELETE('/api/v2/report-views/{uuid}', { params: { path: { uuid: view.uuid }, header: { 'If-Match': `"${view.version}"` } } }),
      ),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['report-views'] });
      if (catalogue.data) apply(undefined, catalogue.data.columns);
    },
  });

  if (catalogue.isPending || views.isPending || !chosen) {
    return (
      <>
        <h1>{t('usages.title')}</h1>
        <ProblemAlert error={catalogue.error ?? views.error} />
        {!catalogue.error && !views.error && <Spinner />}
      </>
    );
  }
  const all = catalogue.data?.columns ?? [];
  const visible = chosen.columns.map((key) => all.find((c) => c.key === key)).filter((c): c is Column => c !== undefined);
  const selectedView = views.data?.find((v) => v.uuid === chosen.view);
  const mayDelete = selectedView && (selectedView.organizationDefault ? hasRole('LocalAdmin') : selectedView.ownerUuid === user.uuid);

  return (
    <>
      <h1>{t('usages.title')}</h1>
      <p>{t('usages.intro')}</p>
      <div className="overview-toolbar">
        <div className="form-group">
          <label className="form-label" htmlFor="overview-view">
            {t('usages.view')}
          </label>
          <select
            id="overview-view"
            className="form-select"
            value={chosen.view}
            onChange={(e) =>
              apply(
                views.data?.find((v) => v.uuid === e.target.value),
                all,
              )
            }
          >
            <option value="">{t('usages.standardView')}</option>
            {(views.data ?? []).map((v) => (
              <option key={v.uuid} value={v.uuid}>
                {v.name} {v.organizationDefault ? t('usages.orgDefault') : ''}
              </option>
            ))}
          </select>
        </div>
        {mayDelete && (
          <button type="button" className="button button-secondary" onClick={() => deleteView.mutate(selectedView)}>
            {t('usages.deleteView')}
          </button>
        )}
        <div className="export-buttons" role="group" aria-label={t('usages.export')}>
          <button type="button" className="button button-secondary" disabled={exporter.isPending} onClick={() => exporter.mutate('xlsx')}>
            {t('usages.exportExcel')}
          </button>
          <button type="button" className="button button-secondary" disabled={exporter.isPending} onClick={() => exporter.mutate('csv')}>
            {t('usages.exportCsv')}
          </button>
          {exporter.isPending && <span role="status">{t('usages.exporting')}</span>}
        </div>
      </div>
      <ProblemAlert
        error={exporter.error ?? deleteView.error}
        onReload={() => {
          // after a 412: someone changed the view since it was read; show it as it is now
          deleteView.reset();
          void views.refetch().then(({ data }) => {
            if (catalogue.data)
              apply(
                data?.find((v) => v.uuid === chosen.view),
                catalogue.data.columns,
              );
          });
        }}
      />
      <ColumnChooser
        all={all}
        chosen={chosen.columns}
        onChange={(columns) =>
          setChosen({
            ...chosen,
            columns,
            sort: chosen.sort && columns.includes(chosen.sort.replace(/^-/, '')) ? chosen.sort : undefined,
            filters: Object.fromEntries(Object.entries(chosen.filters).filter(([k]) => columns.includes(k))),
          })
        }
      />
      <details className="details">
        <summary className="details-summary">{t('usages.saveView')}</summary>
        <div className="details-text">
          <SaveViewForm
            state={{ ...chosen, filters: chosen.filters }}
            organizationUuid={organizationUuid}
            onSaved={(v) => setChosen({ ...chosen, view: v.uuid })}
          />
        </div>
      </details>
      {Object.values(chosen.filters).some((v) => v !== '') && (
        <button type="button" className="button button-tertiary" onClick={() => setChosen({ ...chosen, filters: {} })}>
          {t('usages.clearFilters')}
        </button>
      )}
      <ProblemAlert error={report.error} />
      <p aria-live="polite" className="overview-count">
        {report.isPending ? t('app.loading') : t('usages.count', { shown: rows.length, total })}
        {report.isFetchingNextPage && ` · ${t('usages.loadingMore')}`}
      </p>
      <UsageOverviewGrid
        columns={visible}
        rows={rows}
        total={total}
        sort={chosen.sort}
        onSort={(sort) => setChosen({ ...chosen, sort })}
        filters={chosen.filters}
        onFilter={(key, value) => setChosen({ ...chosen, filters: { ...chosen.filters, [key]: value } })}
        hasMore={report.hasNextPage}
        loadingMore={report.isFetchingNextPage}
        onLoadMore={loadMore}
      />
      {!report.isPending && rows.length === 0 && <p>{t('usages.none')}</p>}
      {report.hasNextPage && (
        <button type="button" className="button button-secondary" disabled={report.isFetchingNextPage} onClick={loadMore}>
          {t('usages.loadMore')}
        </button>
      )}
    </>
  );
}
