import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Schemas } from '../../api/client';
import { formatters } from '../../i18n';

type Column = Schemas['ReportColumnDescription'];
type Row = Record<string, unknown> & { uuid: string };

const ROW_HEIGHT = 41; // px; rows are one line high (usages.css), so the virtualiser's estimate is exact
const COLUMN_REM = 14; // every column's width (usages.css: .usage-grid th)

/** A spacer row standing in for the rows scrolled out of view; its height is set through the DOM (no style attribute: CSP). */
function Spacer({ height, span }: { height: number; span: number }) {
  const cell = useRef<HTMLTableCellElement>(null);
  useLayoutEffect(() => {
    if (cell.current) cell.current.style.height = `${height}px`;
  }, [height]);
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true" className="grid-spacer">
      <td ref={cell} colSpan={span} />
    </tr>
  );
}

function FilterInput({ column, value, onChange }: { column: Column; value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const name = t(`usages.columnNames.${column.key}`, { defaultValue: column.header });
  const label = t('usages.filterFor', { column: name });
  const id = `filter-${column.key}`;
  if (column.type === 'enum' || column.type === 'boolean') {
    const values = column.type === 'boolean' ? ['true', 'false'] : (column.values ?? []);
    return (
      <select id={id} className="form-select" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('usages.any')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v === 'true' ? t('usages.yes') : v === 'false' ? t('usages.no') : t(`usages.values.${v}`, { defaultValue: v })}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      id={id}
      className="form-input"
      type="search"
      aria-label={label}
      title={column.type === 'date' ? t('usages.filterHintDate') : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/**
 * The overview grid of usages: TanStack Table over the report's rows with only the rows in view rendered
 * (@tanstack/react-virtual), sortable headers (aria-sort), a filter per filterable column, and the next page of the
 * report fetched when the user scrolls near the end.
 */
export function UsageOverviewGrid({
  columns,
  rows,
  total,
  sort,
  onSort,
  filters,
  onFilter,
  hasMore,
  loadingMore,
  onLoadMore,
}: {
  columns: Column[];
  rows: Row[];
  total: number;
  sort?: string;
  onSort: (sort: string | undefined) => void;
  filters: Record<string, string>;
  onFilter: (key: string, value: string) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useMemo(() => formatters(i18n.language), [i18n.language]);
  const scroller = useRef<HTMLDivElement>(null);
  const tableElement = useRef<HTMLTableElement>(null);
  // fixed table layout (set through the DOM: no style attribute under the CSP): column widths do not follow the rows in
  // view, so nothing jumps sideways and the browser does not measure every cell while scrolling
  useLayoutEffect(() => {
    if (tableElement.current) tableElement.current.style.width = `${columns.length * COLUMN_REM}rem`;
  }, [columns.length]);

  const columnDefs = useMemo<ColumnDef<Row>[]>(
    () =>
      columns.map((column) => ({
        id: column.key,
        accessorFn: (row) => row[column.key],
        header: () => t(`usages.columnNames.${column.key}`, { defaultValue: column.header }),
        cell: ({ row, getValue }) => {
          const value = getValue();
          if (column.key === 'systemName')
            return (
              <Link to="/usages/$uuid" params={{ uuid: row.original.uuid }}>
                {String(value ?? '')}
              </Link>
            );
          if (value === null || value === undefined) return '';
          switch (column.type) {
            case 'boolean':
              return value ? t('usages.yes') : t('usages.no');
            case 'enum':
              return t(`usages.values.${String(value)}`, { defaultValue: String(value) });
            case 'date':
              return format.date(String(value));
            case 'number':
              return format.number(Number(value));
            case 'money':
              return format.kroner(Number(value) / 100);
            case 'list':
              return Array.isArray(value) ? value.join(', ') : String(value);
            default:
              return String(value);
          }
        },
      })),
    [columns, t, format],
  );

  const table = useReactTable({
    data: rows,
    columns: columnDefs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.uuid,
    manualSorting: true,
    manualFiltering: true,
  });
  const tableRows = table.getRowModel().rows;
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= tableRows.length - 30) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, tableRows.length, onLoadMore]);

  const before = items[0]?.start ?? 0;
  const after = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const byKey = new Map(columns.map((c) => [c.key, c]));

  return (
    <div ref={scroller} className="usage-grid-scroll" tabIndex={0} role="region" aria-labelledby="usage-grid-caption">
      <table ref={tableElement} className="table table--compact usage-grid" aria-rowcount={total + 2}>
        <caption id="usage-grid-caption" className="sr-only">
          {t('usages.gridLabel')}
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const column = byKey.get(header.column.id)!;
                const direction = sort === column.key ? 'ascending' : sort === `-${column.key}` ? 'descending' : undefined;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th key={header.id} scope="col" aria-sort={direction ?? (column.sortable ? 'none' : undefined)}>
                    {column.sortable ? (
                      <button
                        type="button"
                        className="grid-sort-button"
                        onClick={() =>
                          onSort(direction === 'ascending' ? `-${column.key}` : direction === 'descending' ? undefined : column.key)
                        }
                      >
                        {label}
                        <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
          <tr aria-rowindex={2} className="grid-filters">
            {columns.map((column) => (
              <td key={column.key}>
                {column.filterable && (
                  <FilterInput column={column} value={filters[column.key] ?? ''} onChange={(v) => onFilter(column.key, v)} />
                )}
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          <Spacer height={before} span={columns.length} />
          {items.map((item) => {
            const row = tableRows[item.index];
            return (
              <tr key={row.id} aria-rowindex={item.index + 3} className={item.index % 2 ? 'grid-row grid-row-odd' : 'grid-row'}>
                {row.getVisibleCells().map((cell, i) =>
                  i === 0 ? (
                    <th key={cell.id} scope="row">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </th>
                  ) : (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ),
                )}
              </tr>
            );
          })}
          <Spacer height={after} span={columns.length} />
        </tbody>
      </table>
    </div>
  );
}
