import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { SettingsFrame } from './SettingsFrame';
import { WebhookForm } from './WebhookForm';

const routeApi = getRouteApi('/shell/admin/webhooks/$uuid');

/** One webhook subscription: its settings (edit, delete), its deliveries, its dead letters (send one again) and replay from a time. */
export function WebhookPage() {
  const { t } = useTranslation();
  return (
    <SettingsFrame title={t('adminSettings.webhooks.page.title')} audience="localAdmin">
      <Webhook />
    </SettingsFrame>
  );
}

function Webhook() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { uuid } = routeApi.useParams();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const hook = useQuery({
    queryKey: ['webhook', uuid],
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/webhooks/{uuid}', { params: { path: { uuid } } })),
  });
  const ifMatch = () => ({ 'If-Match': hook.data?.etag ?? undefined });
  const [editing, setEditing] = useState(false);
  const patch = useMutation({
    mutationFn: (body: Schemas['PatchWebhookRequest']) =>
      unwrapWithEtag(api.PATCH('/api/v2/webhooks/{uuid}', { params: { path: { uuid }, header: ifMatch() }, body })),
    onSuccess: async (saved) => {
      setEditing(false);
      queries.setQueryData(['webhook', uuid], saved);
      await queries.invalidateQueries({ queryKey: ['webhooks'] });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v2/webhooks/{uuid}', { params: { path: { uuid }, header: ifMatch() } })),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['webhooks'] });
      await navigate({ to: '/admin/webhooks' });
    },
  });
  // after a 412: read the subscription someone else saved and stay on the page (an open form starts over from it)
  const reload = () => {
    patch.reset();
    remove.reset();
    void hook.refetch();
  };
  const w = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.webhooks.${k}`, options);
  if (hook.isPending) return <Spinner />;
  if (hook.error) return <ProblemAlert error={hook.error} />;
  const { data, etag } = hook.data;
  return (
    <>
      <SavedNotice show={patch.isSuccess} message={t('adminSettings.saved')} />
      <ProblemAlert error={remove.error} onReload={reload} />
      {editing ? (
        <WebhookForm
          key={etag}
          initial={data}
          heading={w('page.edit')}
          submitLabel={t('common.save')}
          error={patch.error}
          pending={patch.isPending}
          onSubmit={(values) => patch.mutate(values)}
          onCancel={() => setEditing(false)}
          onReload={reload}
        />
      ) : (
        <>
          <dl>
            <dt>{w('url')}</dt>
            <dd>{data.url}</dd>
            <dt>{w('topics')}</dt>
            <dd>{data.topics.join(', ')}</dd>
            <dt>{w('active')}</dt>
            <dd>{w(data.active ? 'activeYes' : 'activeNo')}</dd>
            <dt>{w('created')}</dt>
            <dd>{format.dateTime(data.createdAt)}</dd>
          </dl>
          <div className="admin-settings-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                patch.reset();
                setEditing(true);
              }}
            >
              {w('page.edit')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={remove.isPending}
              onClick={() => {
                if (globalThis.confirm(w('page.confirmDelete'))) remove.mutate();
              }}
            >
              {w('page.delete')}
            </button>
          </div>
        </>
      )}
      <Deliveries uuid={uuid} />
      <DeadLetters uuid={uuid} />
      <Replay uuid={uuid} />
    </>
  );
}

const DELIVERIES_PAGE_SIZE = 20;

/** The subscription's deliveries, newest first, 20 a page, with their state in words. */
function Deliveries({ uuid }: { uuid: string }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const [page, setPage] = useState(0);
  const deliveries = useQuery({
    queryKey: ['webhook-deliveries', uuid, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/webhooks/{uuid}/deliveries', {
          params: { path: { uuid }, query: { page, pageSize: DELIVERIES_PAGE_SIZE } },
        }),
      ),
    placeholderData: (previous) => previous,
  });
  const p = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.webhooks.page.${k}`, options);
  const data = deliveries.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  return (
    <section className="admin-settings-section" aria-labelledby="webhook-deliveries">
      <h2 id="webhook-deliveries">{p('deliveriesHeading')}</h2>
      {deliveries.isPending ? (
        <Spinner />
      ) : deliveries.error ? (
        <ProblemAlert error={deliveries.error} />
      ) : data!.total === 0 ? (
        <p>{p('deliveriesEmpty')}</p>
      ) : (
        <>
          <table className="table table--compact table--zebra">
            <caption>{p('deliveries')}</caption>
            <thead>
              <tr>
                <th scope="col">{p('eventType')}</th>
                <th scope="col">{p('status')}</th>
                <th scope="col">{p('createdAt')}</th>
                <th scope="col" className="numeric">
                  {p('attempts')}
                </th>
                <th scope="col">{p('lastAttemptAt')}</th>
                <th scope="col">{p('lastStatus')}</th>
                <th scope="col">{p('lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {data!.items.map((delivery) => (
                <tr key={delivery.uuid}>
                  <th scope="row">
                    {delivery.eventType}
                    {delivery.replay && <span className="badge badge-small">{p('replayed')}</span>}
                  </th>
                  <td>{p(`deliveryStatus.${delivery.status}`)}</td>
                  <td>{format.dateTime(delivery.createdAt)}</td>
                  <td className="numeric">{delivery.attempts}</td>
                  <td>{delivery.lastAttemptAt ? format.dateTime(delivery.lastAttemptAt) : ''}</td>
                  <td>{delivery.lastStatus ?? ''}</td>
                  <td>{delivery.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {pages > 1 && (
            <div className="pager">
              <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
                {p('previous')}
              </button>
              <span aria-live="polite">{p('pageOf', { page: page + 1, pages })}</span>
              <button type="button" className="button button-secondary" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                {p('next')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function DeadLetters({ uuid }: { uuid: string }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const queries = useQueryClient();
  const key = ['webhook-dead-letters', uuid];
  const letters = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v2/webhooks/{uuid}/dead-letters', { params: { path: { uuid } } })),
  });
  const redeliver = useMutation({
    mutationFn: (deliveryUuid: string) =>
      unwrap(api.POST('/api/v2/webhooks/{uuid}/dead-letters/{deliveryUuid}/redeliver', { params: { path: { uuid, deliveryUuid } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: key }),
  });
  const p = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.webhooks.page.${k}`, options);
  return (
    <section className="admin-settings-section" aria-labelledby="webhook-dead-letters">
      <h2 id="webhook-dead-letters">{p('deadLetters')}</h2>
      <SavedNotice show={redeliver.isSuccess} message={p('redelivered')} />
      <ProblemAlert error={redeliver.error} />
      {letters.isPending ? (
        <Spinner />
      ) : letters.error ? (
        <ProblemAlert error={letters.error} />
      ) : letters.data.length === 0 ? (
        <p>{p('deadLettersEmpty')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <caption>{p('deadLetters')}</caption>
          <thead>
            <tr>
              <th scope="col">{p('eventType')}</th>
              <th scope="col">{p('failedAt')}</th>
              <th scope="col" className="numeric">
                {p('attempts')}
              </th>
              <th scope="col">{p('lastStatus')}</th>
              <th scope="col">{p('lastError')}</th>
              <th scope="col">
                <span className="sr-only">{t('adminSettings.optionTypes.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {letters.data.map((letter) => (
              <tr key={letter.uuid}>
                <th scope="row">
                  {letter.eventType}
                  {letter.replay && <span className="badge badge-small">{p('replayed')}</span>}
                </th>
                <td>{format.dateTime(letter.failedAt)}</td>
                <td className="numeric">{letter.attempts}</td>
                <td>{letter.lastStatus ?? ''}</td>
                <td>{letter.lastError ?? ''}</td>
                <td>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={redeliver.isPending}
                    onClick={() => redeliver.mutate(letter.uuid)}
                  >
                    {p('redeliver', { type: letter.eventType })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Replay({ uuid }: { uuid: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const replay = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v2/webhooks/{uuid}/replay', {
          params: { path: { uuid } },
          // the input gives local time without a zone; the API wants an instant
          body: { from: from ? new Date(from).toISOString() : '' },
        }),
      ),
  });
  const p = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.webhooks.page.${k}`, options);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    replay.mutate();
  };
  return (
    <section className="admin-settings-section" aria-labelledby="webhook-replay">
      <h2 id="webhook-replay">{p('replayHeading')}</h2>
      <p>{p('replayText')}</p>
      <form onSubmit={submit} noValidate aria-busy={replay.isPending}>
        <SavedNotice
          show={replay.isSuccess}
          message={replay.data ? p(replay.data.complete ? 'replayDone' : 'replayGoesOn', { count: replay.data.queued }) : ''}
        />
        <ProblemAlert error={replay.error} />
        <Field
          name="from"
          label={p('replayFrom')}
          type="datetime-local"
          required
          value={from}
          error={fieldError(replay.error, 'from')}
          onChange={(e) => setFrom(e.target.value)}
        />
        <button type="submit" className="button button-primary" disabled={replay.isPending}>
          {p('replay')}
        </button>
      </form>
    </section>
  );
}
