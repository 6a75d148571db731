import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { Field } from '../../components/Field';
import { TextAreaField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { topicsOf, validateWebhook, type WebhookDraft } from './webhook-form';

export interface WebhookValues {
  url: string;
  topics: string[];
  active: boolean;
}

/** The server's message for the topics (the list, or one of its entries such as `topics[1]`). */
function topicsProblem(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.field === 'topics' || e.field.startsWith('topics[') || e.field.startsWith('topics.'))?.message;
}

/**
 * A webhook subscription's address, event types and active flag. The server's rules are checked before sending
 * (webhook-form.ts); a problem the server still finds (e.g. an address refused in production) is shown at its field.
 */
export function WebhookForm({
  initial,
  heading,
  submitLabel,
  error,
  pending,
  onSubmit,
  onCancel,
  onReload,
}: {
  initial?: WebhookValues;
  heading: string;
  submitLabel: string;
  error?: unknown;
  pending?: boolean;
  onSubmit: (values: WebhookValues) => void;
  onCancel?: () => void;
  /** After a 412 (someone else saved first): read the subscription again ("Hent nyeste"). */
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<WebhookDraft>({
    url: initial?.url ?? '',
    topics: initial?.topics.join('\n') ?? '',
    active: initial?.active ?? true,
  });
  const [checked, setChecked] = useState(false);
  const problems = checked ? validateWebhook(draft) : {};
  const message = (field: 'url' | 'topics') => {
    const problem = problems[field];
    return problem ? t(`adminSettings.webhooks.errors.${problem.key}`, problem.values ?? {}) : undefined;
  };
  const w = (key: string) => t(`adminSettings.webhooks.${key}`);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(validateWebhook(draft)).length > 0) return;
    onSubmit({ url: draft.url.trim(), topics: topicsOf(draft.topics), active: draft.active });
  };
  return (
    <form onSubmit={submit} noValidate aria-busy={pending} aria-labelledby="webhook-form-heading">
      <h2 id="webhook-form-heading">{heading}</h2>
      <ProblemAlert error={error} onReload={onReload} />
      <Field
        name="url"
        label={w('url')}
        hint={w('urlHint')}
        type="url"
        required
        value={draft.url}
        error={message('url') ?? fieldError(error, 'url')}
        onChange={(e) => setDraft({ ...draft, url: e.target.value })}
      />
      <TextAreaField
        name="topics"
        label={w('topics')}
        hint={w('topicsHint')}
        required
        rows={4}
        value={draft.topics}
        error={message('topics') ?? topicsProblem(error)}
        onChange={(e) => setDraft({ ...draft, topics: e.target.value })}
      />
      <div className="form-group-checkbox">
        <input
          id="field-active"
          className="form-checkbox"
          type="checkbox"
          checked={draft.active}
          onChange={(e) => setDraft({ ...draft, active: e.target.checked })}
        />
        <label htmlFor="field-active">{w('active')}</label>
      </div>
      <div className="admin-settings-actions">
        <button type="submit" className="button button-primary" disabled={pending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
