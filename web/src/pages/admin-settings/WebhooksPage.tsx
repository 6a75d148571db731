import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { SettingsFrame } from './SettingsFrame';
import { WebhookForm, type WebhookValues } from './WebhookForm';

/** The signing secret of a subscription just created: the API shows it only in the answer to the creation. */
export function SecretOnce({ created }: { created: Schemas['CreatedWebhookResponse'] }) {
  const { t } = useTranslation();
  return (
    <div className="alert alert-warning" role="status">
      <div className="alert-body">
        <p className="alert-heading">{t('adminSettings.webhooks.secretHeading')}</p>
        <p className="alert-text">{t('adminSettings.webhooks.secretText')}</p>
        <p className="alert-text admin-settings-secret" data-testid="webhook-secret">
          {created.secret}
        </p>
      </div>
    </div>
  );
}

/** Webhooks: the organisation's subscriptions, and a new one (its secret shown once). */
export function WebhooksPage() {
  const { t } = useTranslation();
  return (
    <SettingsFrame title={t('adminSettings.webhooks.title')} audience="localAdmin">
      <Webhooks />
    </SettingsFrame>
  );
}

function Webhooks() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const queries = useQueryClient();
  const key = ['webhooks', organizationUuid];
  const webhooks = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v2/webhooks', { params: { query: { organizationUuid } } })),
  });
  const [creating, setCreating] = useState(false);
  const create = useMutation({
    mutationFn: (values: WebhookValues) => unwrap(api.POST('/api/v2/webhooks', { body: { organizationUuid, ...values } })),
    onSuccess: async () => {
      setCreating(false);
      await queries.invalidateQueries({ queryKey: key });
    },
  });
  const w = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.webhooks.${k}`, options);
  return (
    <>
      <p>{w('intro')}</p>
      {create.data && <SecretOnce created={create.data} />}
      {webhooks.isPending ? (
        <Spinner />
      ) : webhooks.error ? (
        <ProblemAlert error={webhooks.error} />
      ) : webhooks.data.length === 0 ? (
        <p>{w('empty')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <caption>{w('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{w('url')}</th>
              <th scope="col">{w('topics')}</th>
              <th scope="col">{w('active')}</th>
              <th scope="col">{w('created')}</th>
            </tr>
          </thead>
          <tbody>
            {webhooks.data.map((hook) => (
              <tr key={hook.uuid}>
                <th scope="row">
                  <Link to="/admin/webhooks/$uuid" params={{ uuid: hook.uuid }} aria-label={w('open', { url: hook.url })}>
                    {hook.url}
                  </Link>
                </th>
                <td>{hook.topics.join(', ')}</td>
                <td>
                  <span className={hook.active ? 'badge badge-success' : 'badge'}>{w(hook.active ? 'activeYes' : 'activeNo')}</span>
                </td>
                <td>{format.dateTime(hook.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating ? (
        <WebhookForm
          heading={w('createHeading')}
          submitLabel={w('create')}
          error={create.error}
          pending={create.isPending}
          onSubmit={(values) => create.mutate(values)}
          onCancel={() => setCreating(false)}
        />
      ) : (
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            create.reset();
            setCreating(true);
          }}
        >
          {w('create')}
        </button>
      )}
    </>
  );
}
