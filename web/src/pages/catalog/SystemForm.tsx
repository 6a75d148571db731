import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';

interface Values {
  name: string;
  formerName: string;
  description: string;
  scope: 'Global' | 'Local';
  deactivated: boolean;
}

/**
 * Creates an IT system (global admins; owned by the current organisation) or edits one (PATCH with If-Match; a 412
 * offers "Hent nyeste"). Server problems are shown at their fields.
 */
export function SystemForm({
  system,
  etag,
  onDone,
  onReload,
}: {
  system?: Schemas['ItSystemResponse'];
  etag?: string | null;
  onDone?: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [values, setValues] = useState<Values>({
    name: system?.name ?? '',
    formerName: system?.formerName ?? '',
    description: system?.description ?? '',
    scope: system?.scope ?? 'Global',
    deactivated: system?.deactivated ?? false,
  });
  const save = useMutation({
    mutationFn: async () => {
      const body = {
        name: values.name.trim(),
        formerName: values.formerName.trim() || null,
        description: values.description.trim() || null,
        scope: values.scope,
        deactivated: values.deactivated,
      };
      if (!system) return unwrap(api.POST('/api/v2/it-systems', { body: { ...body, organizationUuid: current.organization.uuid } }));
      return unwrap(
        api.PATCH('/api/v2/it-systems/{uuid}', {
          params: { path: { uuid: system.uuid }, header: { 'If-Match': etag ?? undefined } },
          body,
        }),
      );
    },
    onSuccess: async (saved) => {
      await queries.invalidateQueries({ queryKey: ['it-system', saved.uuid] });
      await queries.invalidateQueries({ queryKey: ['it-systems'] });
      if (system) onDone?.();
      else await navigate({ to: '/catalog/$uuid', params: { uuid: saved.uuid } });
    },
  });
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const error = save.error;

  return (
    <form onSubmit={submit} noValidate>
      {system && <h2>{t('catalog.editTitle')}</h2>}
      <ProblemAlert
        error={error}
        onReload={() => {
          save.reset();
          onReload?.();
          onDone?.();
        }}
      />
      <Field
        name="name"
        label={t('catalog.name')}
        required
        maxLength={100}
        value={values.name}
        onChange={(e) => set('name', e.target.value)}
        error={fieldError(error, 'name')}
      />
      <Field
        name="formerName"
        label={t('catalog.formerName')}
        maxLength={100}
        value={values.formerName}
        onChange={(e) => set('formerName', e.target.value)}
        error={fieldError(error, 'formerName')}
      />
      <Field name="description" label={t('catalog.description')} error={fieldError(error, 'description')}>
        <textarea
          id="field-description"
          className="form-input"
          rows={4}
          maxLength={20000}
          value={values.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </Field>
      <Field name="scope" label={t('catalog.scope')} error={fieldError(error, 'scope')}>
        <select
          id="field-scope"
          className="form-select"
          value={values.scope}
          onChange={(e) => set('scope', e.target.value as Values['scope'])}
        >
          <option value="Global">{t('catalog.scopeGlobal')}</option>
          <option value="Local">{t('catalog.scopeLocal')}</option>
        </select>
      </Field>
      <div className="form-group form-group-checkbox">
        <input
          id="field-deactivated"
          className="form-checkbox"
          type="checkbox"
          checked={values.deactivated}
          onChange={(e) => set('deactivated', e.target.checked)}
        />
        <label htmlFor="field-deactivated">{t('catalog.deactivated')}</label>
      </div>
      <div className="action-bar">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
        {onDone && (
          <button type="button" className="button button-secondary" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
