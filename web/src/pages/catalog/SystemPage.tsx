import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { api, unwrap, unwrapWithEtag } from '../../api/client';
import { useSession, useSignedIn } from '../../auth/session';
import { HistorySection } from '../../components/HistoryTimeline';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { SystemForm } from './SystemForm';

const systemRouteApi = getRouteApi('/shell/catalog/$uuid');

/** `/catalog/$uuid`: a fresh page (and state) for each system. */
export function SystemRoute() {
  const { uuid } = systemRouteApi.useParams();
  return <SystemPage key={uuid} uuid={uuid} />;
}

/** One IT system of the catalogue: its fields, KLE, exposed interfaces, and "take into use" in the current organisation. */
export function SystemPage({ uuid }: { uuid: string }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const { isGlobalAdmin } = useSession();
  const organizationUuid = current.organization.uuid;
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [editing, setEditing] = useState(false);

  const system = useQuery({
    queryKey: ['it-system', uuid],
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/it-systems/{uuid}', { params: { path: { uuid } } })),
  });
  const interfaces = useQuery({
    queryKey: ['it-interfaces', { exposedBySystemUuid: uuid }],
    queryFn: () => unwrap(api.GET('/api/v2/it-interfaces', { params: { query: { exposedBySystemUuid: uuid, pageSize: 100 } } })),
  });
  const usage = useQuery({
    queryKey: ['it-system-usages', { systemUuid: uuid, organizationUuid }],
    queryFn: () =>
      unwrap(api.GET('/api/v2/it-system-usages', { params: { query: { systemUuid: uuid, organizationUuid, pageSize: 1 } } })).then(
        (rows) => rows[0] ?? null,
      ),
  });
  const takeIntoUse = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v2/it-system-usages', { body: { systemUuid: uuid, organizationUuid } })),
    onSuccess: async (created) => {
      await queries.invalidateQueries({ queryKey: ['it-system-usages'] });
      await navigate({ to: '/usages/$uuid', params: { uuid: created.uuid } });
    },
  });

  if (system.isPending) return <Spinner />;
  if (system.error || !system.data) return <ProblemAlert error={system.error} />;
  const { data, etag } = system.data;
  const notSet = <span className="text-muted">{t('catalog.notSet')}</span>;

  return (
    <>
      <p>
        <Link to="/catalog" activeOptions={{ exact: true }}>
          <span aria-hidden="true">← </span>
          {t('catalog.title')}
        </Link>
      </p>
      <h1>{data.name}</h1>
      {data.deactivated && <span className="badge badge-large">{t('catalog.deactivated')}</span>}
      <div className="action-bar">
        {usage.data ? (
          <Link to="/usages/$uuid" params={{ uuid: usage.data.uuid }} className="button button-secondary">
            {t('catalog.goToUsage')}
          </Link>
        ) : data.deactivated ? (
          <p>{t('catalog.cannotTakeDeactivated')}</p>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={usage.isPending || takeIntoUse.isPending}
            onClick={() => takeIntoUse.mutate()}
          >
            {t('catalog.takeIntoUse')}
          </button>
        )}
        {isGlobalAdmin && !editing && (
          <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
        )}
      </div>
      <ProblemAlert error={takeIntoUse.error} />
      {editing ? (
        <SystemForm system={data} etag={etag} onDone={() => setEditing(false)} onReload={() => void system.refetch()} />
      ) : (
        <>
          <h2>{t('catalog.details')}</h2>
          <dl className="field-list">
            <dt>{t('catalog.formerName')}</dt>
            <dd>{data.formerName || notSet}</dd>
            <dt>{t('catalog.description')}</dt>
            <dd className="preserve-lines">{data.description || notSet}</dd>
            <dt>{t('catalog.rightsHolder')}</dt>
            <dd>{data.rightsHolder?.name ?? notSet}</dd>
            <dt>{t('catalog.businessType')}</dt>
            <dd>{data.businessType?.name ?? notSet}</dd>
            <dt>{t('catalog.parentSystem')}</dt>
            <dd>
              {data.parentSystem ? (
                <Link to="/catalog/$uuid" params={{ uuid: data.parentSystem.uuid }}>
                  {data.parentSystem.name ?? data.parentSystem.uuid}
                </Link>
              ) : (
                notSet
              )}
            </dd>
            <dt>{t('catalog.scope')}</dt>
            <dd>{data.scope === 'Global' ? t('catalog.scopeGlobal') : t('catalog.scopeLocal')}</dd>
            <dt>{t('catalog.status')}</dt>
            <dd>{data.deactivated ? t('catalog.deactivated') : t('catalog.active')}</dd>
            <dt>{t('catalog.usingOrganizations')}</dt>
            <dd>{t('catalog.organizationCount', { count: data.usingOrganizations.length })}</dd>
            <dt>{t('catalog.lastModified')}</dt>
            <dd>{format.dateTime(data.lastModified)}</dd>
          </dl>
          {data.externalReferences.length > 0 && (
            <>
              <h2>{t('catalog.externalReferences')}</h2>
              <ul>
                {data.externalReferences.map((r) => (
                  <li key={r.uuid}>{r.url ? <a href={r.url}>{r.title}</a> : r.title}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}

      <h2>{t('catalog.kle')}</h2>
      {data.kle.length === 0 ? (
        <p>{t('catalog.noKle')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('catalog.kleNumber')}</th>
              <th scope="col">{t('catalog.kleDescription')}</th>
            </tr>
          </thead>
          <tbody>
            {data.kle.map((k) => (
              <tr key={k.uuid}>
                <td>{k.kleNumber}</td>
                <td>{k.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2>{t('catalog.interfaces')}</h2>
      <ProblemAlert error={interfaces.error} />
      {interfaces.isPending ? (
        <Spinner />
      ) : (interfaces.data ?? []).length === 0 ? (
        <p>{t('catalog.noInterfaces')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{t('catalog.name')}</th>
              <th scope="col">{t('catalog.interfaceId')}</th>
              <th scope="col">{t('catalog.interfaceVersion')}</th>
              <th scope="col">{t('catalog.description')}</th>
            </tr>
          </thead>
          <tbody>
            {(interfaces.data ?? []).map((i) => (
              <tr key={i.uuid}>
                <td>{i.name}</td>
                <td>{i.interfaceId}</td>
                <td>{i.version}</td>
                <td>{i.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <HistorySection kind="system" uuid={uuid} />
    </>
  );
}
