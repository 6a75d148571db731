import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client';
import { useSession, useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';

const PAGE_SIZE = 25;

function Checkbox({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <div className="form-group form-group-checkbox">
      <input id={id} className="form-checkbox" type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The shared IT-system catalogue [IT-systemkatalog]: search by name, filter, page over the API. */
export function CatalogPage() {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const { isGlobalAdmin } = useSession();
  const organizationUuid = current.organization.uuid;
  const [search, setSearch] = useState('');
  const [includeDeactivated, setIncludeDeactivated] = useState(false);
  const [onlyInUse, setOnlyInUse] = useState(false);
  const [page, setPage] = useState(0);
  const nameContains = useDebounced(search.trim(), 300);

  const systems = useQuery({
    queryKey: ['it-systems', { nameContains, includeDeactivated, onlyInUse, page, organizationUuid }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/it-systems', {
          params: {
            query: {
              page,
              pageSize: PAGE_SIZE,
              nameContains: nameContains || undefined,
              includeDeactivated: includeDeactivated || undefined,
              usedInOrganizationUuid: onlyInUse ? organizationUuid : undefined,
              orderByProperty: 'Name',
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = systems.data ?? [];

  return (
    <>
      <h1>{t('catalog.title')}</h1>
      <p>{t('catalog.intro')}</p>
      {isGlobalAdmin && (
        <p>
          <Link to="/catalog/new" className="button button-secondary">
            {t('catalog.create')}
          </Link>
        </p>
      )}
      <form role="search" className="catalog-filters" onSubmit={(e) => e.preventDefault()}>
        <div className="form-group">
          <label className="form-label" htmlFor="catalog-search">
            {t('catalog.searchLabel')}
          </label>
          <input
            id="catalog-search"
            className="form-input"
            type="search"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setPage(0);
            }}
          />
        </div>
        <Checkbox
          id="catalog-include-deactivated"
          label={t('catalog.includeDeactivated')}
          checked={includeDeactivated}
          onChange={(checked) => {
            setIncludeDeactivated(checked);
            setPage(0);
          }}
        />
        <Checkbox
          id="catalog-only-in-use"
          label={t('catalog.onlyInUse')}
          checked={onlyInUse}
          onChange={(checked) => {
            setOnlyInUse(checked);
            setPage(0);
          }}
        />
      </form>
      <ProblemAlert error={systems.error} />
      {systems.isPending ? (
        <Spinner />
      ) : (
        <>
          <div className="table--responsive-scroll">
            <table className="table table--zebra table--compact">
              <caption className="sr-only">{t('catalog.resultsCaption', { page: page + 1 })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('catalog.name')}</th>
                  <th scope="col">{t('catalog.rightsHolder')}</th>
                  <th scope="col">{t('catalog.scope')}</th>
                  <th scope="col">{t('catalog.status')}</th>
                  <th scope="col">{t('catalog.inUse')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((system) => (
                  <tr key={system.uuid}>
                    <th scope="row">
                      <Link to="/catalog/$uuid" params={{ uuid: system.uuid }}>
                        {system.name}
                      </Link>
                    </th>
                    <td>{system.rightsHolder?.name ?? ''}</td>
                    <td>{system.scope === 'Global' ? t('catalog.scopeGlobal') : t('catalog.scopeLocal')}</td>
                    <td>{system.deactivated ? t('catalog.deactivated') : t('catalog.active')}</td>
                    <td>{system.usingOrganizations.some((o) => o.uuid === organizationUuid) ? t('catalog.usedHere') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {rows.length === 0 && <p>{t('catalog.none')}</p>}
          <nav className="pager" aria-label={t('catalog.pageOf', { page: page + 1 })}>
            <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('catalog.previous')}
            </button>
            <span aria-live="polite">{t('catalog.pageOf', { page: page + 1 })}</span>
            <button type="button" className="button button-secondary" disabled={rows.length < PAGE_SIZE} onClick={() => setPage(page + 1)}>
              {t('catalog.next')}
            </button>
          </nav>
        </>
      )}
    </>
  );
}
