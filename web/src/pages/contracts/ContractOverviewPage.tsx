import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { DeadlineDate } from './ContractDeadlines';
import { NameFilter, Pager } from './FormControls';
import { CONTRACT_PAGE_SIZE, useContracts, type Contract, type ContractOrder } from './data';
import { danishToday } from './terms';

const column = createColumnHelper<Contract>();

/** Columns the server can sort by (orderByProperty); the others keep the server's order. */
const SERVER_ORDER: Record<string, ContractOrder> = { name: 'Name', lastModified: 'LastChanged' };

/** The overview grid of the organisation's contracts [IT-kontrakter] with the derived deadlines highlighted when near. */
export function ContractOverviewPage() {
  const { t, i18n } = useTranslation();
  const { current, user } = useSignedIn();
  const format = formatters(i18n.language);
  const [page, setPage] = useState(0);
  const [filter, setFilter] = useState('');
  const [order, setOrder] = useState<ContractOrder>('Name');
  const contracts = useContracts(current.organization.uuid, page, filter.trim(), order);
  const today = danishToday();
  const canCreate = user.isGlobalAdmin || current.roles.some((r) => ['LocalAdmin', 'ContractModuleAdmin'].includes(r));

  const columns = useMemo(
    () => [
      column.accessor('name', {
        header: () => t('contracts.columns.name'),
        cell: (c) => (
          <Link to="/contracts/$uuid" params={{ uuid: c.row.original.uuid }}>
            {c.getValue()}
          </Link>
        ),
      }),
      column.accessor((c) => c.general.contractId ?? '', { id: 'contractId', header: () => t('contracts.columns.contractId') }),
      column.accessor((c) => c.supplier.organization?.name ?? '', { id: 'supplier', header: () => t('contracts.columns.supplier') }),
      column.accessor((c) => c.validity.valid, {
        id: 'valid',
        header: () => t('contracts.columns.valid'),
        cell: (c) => (c.getValue() ? t('contracts.validYes') : t('contracts.validNo')),
      }),
      column.accessor((c) => c.general.validity.validTo, {
        id: 'validTo',
        header: () => t('contracts.columns.validTo'),
        cell: (c) => <DeadlineDate day={c.getValue()} today={today} />,
      }),
      column.accessor((c) => c.deadlines.noticeDeadline, {
        id: 'noticeDeadline',
        header: () => t('contracts.columns.noticeDeadline'),
        cell: (c) => <DeadlineDate day={c.getValue()} today={today} />,
      }),
      column.accessor((c) => c.deadlines.terminationEffectiveDate ?? c.deadlines.endIfNoticeToday, {
        id: 'endIfNoticeToday',
        header: () => t('contracts.columns.endIfNoticeToday'),
        cell: (c) => <DeadlineDate day={c.getValue()} today={today} />,
      }),
      column.accessor((c) => c.deadlines.nextExtensionOptionDate, {
        id: 'nextExtensionOptionDate',
        header: () => t('contracts.columns.nextExtensionOptionDate'),
        cell: (c) => <DeadlineDate day={c.getValue()} today={today} />,
      }),
      column.accessor('lastModified', {
        header: () => t('contracts.columns.lastModified'),
        cell: (c) => format.date(c.getValue()),
      }),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, today],
  );
  const rows = contracts.data ?? [];
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), manualPagination: true, manualSorting: true });

  return (
    <>
      <div className="kitos-page-head">
        <h1>{t('contracts.title')}</h1>
        {canCreate && (
          <Link to="/contracts/new" className="button button-primary">
            {t('contracts.create')}
          </Link>
        )}
      </div>
      <NameFilter
        id="contract-filter"
        label={t('contracts.filterName')}
        value={filter}
        onChange={(value) => {
          setFilter(value);
          setPage(0);
        }}
      />
      <ProblemAlert error={contracts.error} />
      {contracts.isPending ? (
        <Spinner />
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--zebra table--compact">
            <caption className="sr-only">{t('contracts.caption', { organization: current.organization.name })}</caption>
            <thead>
              {table.getHeaderGroups().map((group) => (
                <tr key={group.id}>
                  {group.headers.map((header) => {
                    const serverOrder = SERVER_ORDER[header.column.id];
                    const label = flexRender(header.column.columnDef.header, header.getContext());
                    return (
                      <th key={header.id} scope="col" aria-sort={serverOrder && serverOrder === order ? 'ascending' : undefined}>
                        {serverOrder ? (
                          <button
                            type="button"
                            className="kitos-sort"
                            onClick={() => {
                              setOrder(serverOrder === order ? 'CreationOrder' : serverOrder);
                              setPage(0);
                            }}
                          >
                            {label}
                            <span aria-hidden="true">{serverOrder === order ? ' ▲' : ''}</span>
                          </button>
                        ) : (
                          label
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((row) => (
                <tr key={row.id}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ))}
                </tr>
              ))}
              {rows.length === 0 && (
                <tr>
                  <td colSpan={columns.length}>{t('contracts.empty')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={page} rows={rows.length} pageSize={CONTRACT_PAGE_SIZE} onPage={setPage} />
    </>
  );
}
