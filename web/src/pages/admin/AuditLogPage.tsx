import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { SelectField } from '../../components/FormFields';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { AdminFrame } from './AdminFrame';
import { AUDIT_ACTIONS, AUDIT_OBJECT_TYPES, auditQuery, NO_FILTER, objectTypeOf, type AuditFilter } from './audit';
import { useAllUsers } from './data';

const PAGE_SIZE = 25;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** /admin/audit-log: the organisation's audit log [logbog], filtered by actor, event, object type and days, 25 a page. */
export function AuditLogPage() {
  const { t } = useTranslation();
  return (
    <AdminFrame title={t('admin.audit.title')}>
      <AuditLog />
    </AdminFrame>
  );
}

function AuditLog() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const organizationUuid = useSignedIn().current.organization.uuid;
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const [page, setPage] = useState(0);
  const entries = useQuery({
    queryKey: ['admin', 'audit-log', organizationUuid, filter, page],
    queryFn: async () => {
      const result = await api.GET('/api/v2/organizations/{organizationUuid}/audit-log', {
        params: { path: { organizationUuid }, query: auditQuery(filter, page, PAGE_SIZE) },
      });
      const items = await unwrap(Promise.resolve(result));
      // X-Total-Count: the entries matching the filters on all pages
      return { items, total: Number(result.response.headers.get('x-total-count') ?? items.length) };
    },
    placeholderData: keepPreviousData,
  });
  const users = useAllUsers(organizationUuid);
  const nameOf = new Map((users.data ?? []).map((u) => [u.uuid, u.name]));
  const set = (field: keyof AuditFilter, value: string) => {
    setFilter({ ...filter, [field]: value });
    setPage(0);
  };
  const visible = entries.data?.items ?? [];
  const total = entries.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const hasNext = page + 1 < pages;
  const person = (uuid: string | null) => (uuid ? (nameOf.get(uuid) ?? uuid) : t('admin.audit.unknownActor'));

  return (
    <>
      <p>{t('admin.audit.intro')}</p>
      <form onSubmit={(e) => e.preventDefault()} aria-labelledby="audit-filter-heading">
        <h2 id="audit-filter-heading">{t('admin.audit.filters')}</h2>
        <div className="audit-filters">
          <SelectField
            name="actor"
            label={t('admin.audit.actor')}
            placeholder={t('admin.audit.anyone')}
            options={(users.data ?? []).map((u) => ({ value: u.uuid, label: u.name }))}
            value={filter.actor}
            onChange={(e) => set('actor', e.target.value)}
          />
          <SelectField
            name="action"
            label={t('admin.audit.action')}
            placeholder={t('admin.audit.anyAction')}
            options={AUDIT_ACTIONS.map((a) => ({ value: a, label: t(`admin.audit.actions.${a}`) }))}
            value={filter.action}
            onChange={(e) => set('action', e.target.value)}
          />
          <SelectField
            name="objectType"
            label={t('admin.audit.objectType')}
            placeholder={t('admin.audit.anyObject')}
            options={AUDIT_OBJECT_TYPES.map((o) => ({ value: o, label: t(`admin.audit.objects.${o}`) }))}
            value={filter.objectType}
            onChange={(e) => set('objectType', e.target.value)}
          />
          <Field name="from" type="date" label={t('admin.audit.from')} value={filter.from} onChange={(e) => set('from', e.target.value)} />
          <Field name="to" type="date" label={t('admin.audit.to')} value={filter.to} onChange={(e) => set('to', e.target.value)} />
        </div>
      </form>
      {entries.isPending ? (
        <Spinner />
      ) : entries.error ? (
        <ProblemAlert error={entries.error} />
      ) : (
        <>
          <p aria-live="polite">{t('admin.audit.total', { count: total })}</p>
          {visible.length === 0 ? (
            <p>{t('admin.audit.none')}</p>
          ) : (
            <table className="table table--zebra table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.at')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                  <th scope="col">{t('admin.audit.subject')}</th>
                  <th scope="col">{t('admin.audit.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {visible.map((entry, index) => (
                  <tr key={`${entry.at}:${entry.correlationId}:${index}`}>
                    <td>
                      <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
                    </td>
                    <td>{t(`admin.audit.actions.${entry.action}`, { defaultValue: entry.action })}</td>
                    <td>{person(entry.actorUserUuid)}</td>
                    <td>
                      {t(`admin.audit.objects.${objectTypeOf(entry.action)}`)}
                      {entry.subjectUuid && `: ${person(entry.subjectUuid)}`}
                    </td>
                    <td>{entry.detail.replace(UUID, (uuid) => nameOf.get(uuid) ?? uuid)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="pager">
            <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
              {t('admin.audit.previous')}
            </button>
            <span aria-live="polite">{t('admin.audit.pageOf', { page: page + 1, pages })}</span>
            <button type="button" className="button button-secondary" disabled={!hasNext} onClick={() => setPage(page + 1)}>
              {t('admin.audit.next')}
            </button>
          </div>
        </>
      )}
    </>
  );
}
