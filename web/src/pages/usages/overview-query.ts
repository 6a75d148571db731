import type { paths } from '@kitos/api-client';
import { api, unwrap, type Schemas } from '../../api/client';

export const REPORT = 'it-system-usages' as const;
export const PAGE_SIZE = 250;

export interface OverviewState {
  columns: string[];
  /** `key` ascending, `-key` descending; undefined = the report's default sort. */
  sort?: string;
  filters: Record<string, string>;
}

type ReportQuery = NonNullable<paths['/api/v2/reports/organizations/{uuid}/{report}']['get']['parameters']['query']>;

/** The report query of the overview: the chosen columns, sort and `filter.<key>` parameters (empty filters left out). */
export function reportQuery(
  state: OverviewState,
  extra: { page?: number; pageSize?: number; format?: 'json' | 'csv' | 'xlsx' },
): ReportQuery {
  const filters = Object.fromEntries(
    Object.entries(state.filters)
      .filter(([, value]) => value.trim() !== '')
      .map(([key, value]) => [`filter.${key}`, value.trim()]),
  );
  return { columns: state.columns.join(','), sort: state.sort, ...extra, ...filters } as ReportQuery;
}

export function fetchOverviewPage(organizationUuid: string, state: OverviewState, page: number): Promise<Schemas['OrgReportPage']> {
  return unwrap(
    api.GET('/api/v2/reports/organizations/{uuid}/{report}', {
      params: { path: { uuid: organizationUuid, report: REPORT }, query: reportQuery(state, { page, pageSize: PAGE_SIZE }) },
    }),
  );
}

/**
 * Downloads the overview as the report endpoint exports it (every matching row, the chosen columns, sort and filters):
 * fetched with the session's token, then handed to the browser as a file.
 */
export async function downloadOverview(organizationUuid: string, state: OverviewState, format: 'csv' | 'xlsx'): Promise<void> {
  const { data, error, response } = await api.GET('/api/v2/reports/organizations/{uuid}/{report}', {
    params: { path: { uuid: organizationUuid, report: REPORT }, query: reportQuery(state, { format }) },
    parseAs: 'blob',
  });
  if (!response.ok || !data) await unwrap(Promise.resolve({ data: undefined, error, response }));
  const disposition = response.headers.get('content-disposition') ?? '';
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `it-systemer-i-anvendelse.${format}`;
  const url = URL.createObjectURL(data as Blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
