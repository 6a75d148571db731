import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { useDebounced } from '../../components/useDebounced';
import type { UsageSectionProps } from './section-props';

type KleWrite = Schemas['UsageLocalKleDeviationsWrite'];

/**
 * Local KLE deviations [Lokale KLE-afvigelser]: the system's KLE (inherited from the catalogue), each of which the
 * organisation may opt out of, and task references it adds locally (searched in the KLE options). Each change is saved
 * at once with the usage's If-Match.
 */
export function KleTab({ usage, canEdit, saving, saved, error, onSave, onReload }: UsageSectionProps<KleWrite>) {
  const { t } = useTranslation();
  const systemUuid = usage.systemContext.uuid;
  const system = useQuery({
    queryKey: ['it-system', systemUuid, 'kle'],
    queryFn: () => unwrap(api.GET('/api/v2/it-systems/{uuid}', { params: { path: { uuid: systemUuid } } })),
  });
  const [search, setSearch] = useState('');
  const term = useDebounced(search.trim(), 300);
  const byNumber = /^[\d.]+$/.test(term);
  const options = useQuery({
    queryKey: ['kle-options', term],
    enabled: term.length >= 2,
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/kle-options', {
          params: { query: byNumber ? { kleNumberPrefix: term, pageSize: 20 } : { kleDescriptionContent: term, pageSize: 20 } },
        }),
      ),
  });
  const { addedKLE, removedKLE } = usage.localKleDeviations;
  const added = addedKLE.map((k) => k.uuid);
  const removed = removedKLE.map((k) => k.uuid);
  const write = (next: KleWrite) => onSave({ addedKLEUuids: added, removedKLEUuids: removed, ...next });

  if (system.isPending) return <Spinner />;
  const inherited = system.data?.kle ?? [];
  const inheritedUuids = new Set(inherited.map((k) => k.uuid));
  const results = (options.data ?? []).filter((o) => !inheritedUuids.has(o.uuid) && !added.includes(o.uuid) && !o.removed);

  return (
    <>
      <ProblemAlert error={system.error ?? options.error} />
      <ProblemAlert error={error} onReload={onReload} />
      <SavedNotice show={saved && !error} message={t('usages.page.saved')} />
      {!canEdit && <p>{t('usages.page.readOnly')}</p>}
      <p>{t('usages.kle.intro')}</p>
      <h3>{t('usages.kle.inherited')}</h3>
      {inherited.length === 0 ? (
        <p>{t('usages.kle.noInherited')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('usages.kle.number')}</th>
              <th scope="col">{t('usages.kle.description')}</th>
              <th scope="col">{t('usages.kle.status')}</th>
              {canEdit && <th scope="col">{t('usages.relations.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {inherited.map((k) => {
              const optedOut = removed.includes(k.uuid);
              const number = k.kleNumber ?? k.name ?? k.uuid;
              return (
                <tr key={k.uuid}>
                  <th scope="row">{number}</th>
                  <td>{k.description}</td>
                  <td>
                    <span className={optedOut ? 'badge badge-warning' : 'badge badge-success'}>
                      {optedOut ? t('usages.kle.optedOut') : t('usages.kle.fromSystem')}
                    </span>
                  </td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={saving}
                        onClick={() => write({ removedKLEUuids: optedOut ? removed.filter((u) => u !== k.uuid) : [...removed, k.uuid] })}
                      >
                        {optedOut ? t('usages.kle.optIn', { number }) : t('usages.kle.optOut', { number })}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <h3>{t('usages.kle.local')}</h3>
      {addedKLE.length === 0 ? (
        <p>{t('usages.kle.noLocal')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <thead>
            <tr>
              <th scope="col">{t('usages.kle.number')}</th>
              <th scope="col">{t('usages.kle.status')}</th>
              {canEdit && <th scope="col">{t('usages.relations.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {addedKLE.map((k) => (
              <tr key={k.uuid}>
                <th scope="row">{k.name ?? k.uuid}</th>
                <td>
                  <span className="badge badge-info">{t('usages.kle.addedLocally')}</span>
                </td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="button button-secondary"
                      disabled={saving}
                      onClick={() => write({ addedKLEUuids: added.filter((u) => u !== k.uuid) })}
                    >
                      {t('usages.kle.remove', { number: k.name ?? k.uuid })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <section className="usage-subform" aria-labelledby="kle-add-heading">
          <h3 id="kle-add-heading">{t('usages.kle.addHeading')}</h3>
          <Field
            name="kleSearch"
            label={t('usages.kle.search')}
            hint={t('usages.kle.searchHint')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          {options.isFetching && <Spinner />}
          {term.length >= 2 && !options.isFetching && results.length === 0 && <p>{t('usages.kle.noResults')}</p>}
          {results.length > 0 && (
            <table className="table table--compact">
              <caption className="sr-only">{t('usages.kle.results')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('usages.kle.number')}</th>
                  <th scope="col">{t('usages.kle.description')}</th>
                  <th scope="col">{t('usages.relations.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((o) => (
                  <tr key={o.uuid}>
                    <th scope="row">{o.kleNumber}</th>
                    <td>{o.description}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={saving}
                        onClick={() => write({ addedKLEUuids: [...added, o.uuid] })}
                      >
                        {t('usages.kle.add', { number: o.kleNumber })}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}
