import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSession, useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { TextAreaField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import { Spinner } from '../../components/Spinner';
import { SettingsFrame } from './SettingsFrame';

type Kind = Schemas['GlobalOptionTypeResponse']['kind'];
type LocalValue = Schemas['LocalOptionTypeResponse'];
type GlobalValue = Schemas['GlobalOptionTypeResponse'];

/** The option types by the KITOS module they belong to (the choice's groups). */
const KIND_GROUPS: ReadonlyArray<{ group: string; kinds: Kind[] }> = [
  {
    group: 'usage',
    kinds: [
      'business-types',
      'it-system-usage-data-classification-types',
      'it-system-usage-registered-data-category-types',
      'it-system-usage-sensitive-personal-data-types',
      'it-system-usage-archive-types',
      'it-system-usage-archive-location-types',
      'it-system-usage-archive-test-location-types',
      'it-system-usage-relation-frequency-types',
      'it-system-usage-technical-system-types',
      'it-system-usage-criticality-level-types',
    ],
  },
  { group: 'interface', kinds: ['it-interface-interface-types', 'it-interface-interface-data-types'] },
  {
    group: 'dpr',
    kinds: [
      'data-processing-registration-data-responsible-types',
      'data-processing-registration-basis-for-transfer-types',
      'data-processing-registration-country-types',
      'data-processing-registration-oversight-types',
    ],
  },
  {
    group: 'contract',
    kinds: [
      'it-contract-contract-types',
      'it-contract-contract-template-types',
      'it-contract-criticality-types',
      'it-contract-purchase-types',
      'it-contract-procurement-strategy-types',
      'it-contract-payment-model-types',
      'it-contract-payment-frequency-types',
      'it-contract-price-regulation-types',
      'it-contract-agreement-element-types',
      'it-contract-agreement-extension-option-types',
      'it-contract-notice-period-month-types',
    ],
  },
  { group: 'other', kinds: ['it-project-types'] },
];

/** Local option types [Lokale tilpasninger]: a local admin activates, deactivates and describes an option type's values. */
export function OptionTypesPage() {
  const { t } = useTranslation();
  const { isGlobalAdmin } = useSession();
  const [kind, setKind] = useState<Kind>('business-types');
  const o = (key: string, options: Record<string, unknown> = {}) => t(`adminSettings.optionTypes.${key}`, options);
  return (
    <SettingsFrame title={o('title')} audience="localAdmin">
      <p>{o('intro')}</p>
      <div className="form-group">
        <label className="form-label" htmlFor="option-kind">
          {o('kind')}
        </label>
        <select id="option-kind" className="form-select" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
          {KIND_GROUPS.map(({ group, kinds }) => (
            <optgroup key={group} label={o(`groups.${group}`)}>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {o(`kinds.${k}`)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <LocalValues kind={kind} />
      {isGlobalAdmin && <GlobalValues kind={kind} />}
    </SettingsFrame>
  );
}

function LocalValues({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const { current } = useSignedIn();
  const organizationUuid = current.organization.uuid;
  const queries = useQueryClient();
  const key = ['local-option-types', organizationUuid, kind];
  const values = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.GET('/api/v2/organizations/{organizationUuid}/option-types/{kind}', { params: { path: { organizationUuid, kind } } })),
  });
  const [editing, setEditing] = useState<string>();
  const [description, setDescription] = useState('');
  const patch = useMutation({
    mutationFn: ({ value, body }: { value: LocalValue; body: Schemas['PatchLocalOptionTypeRequest'] }) =>
      unwrap(
        api.PATCH('/api/v2/organizations/{organizationUuid}/option-types/{kind}/{uuid}', {
          // the organisation's setting of the value as read ("0" while it has none)
          params: { path: { organizationUuid, kind, uuid: value.uuid }, header: { 'If-Match': `"${value.version}"` } },
          body,
        }),
      ),
    onSuccess: async () => {
      setEditing(undefined);
      await queries.invalidateQueries({ queryKey: key });
    },
  });
  // after a 412: read the values as someone else left them; an open description starts over from the newest
  const reload = async () => {
    patch.reset();
    const { data } = await values.refetch();
    const fresh = data?.find((v) => v.uuid === editing);
    if (fresh) setDescription(fresh.localDescription ?? '');
  };
  const o = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.optionTypes.${k}`, options);
  const status = (v: LocalValue) =>
    !v.isEnabled ? o('disabled') : v.isObligatory ? o('obligatory') : v.isActive ? o('active') : o('inactive');
  const badge = (v: LocalValue) => (!v.isEnabled ? 'badge' : v.isAvailable ? 'badge badge-success' : 'badge');
  const submitDescription = (e: FormEvent, value: LocalValue) => {
    e.preventDefault();
    patch.mutate({ value, body: { description: description.trim() || null } });
  };

  if (values.isPending) return <Spinner />;
  if (values.error) return <ProblemAlert error={values.error} />;
  return (
    <>
      <SavedNotice show={patch.isSuccess} message={t('adminSettings.saved')} />
      <ProblemAlert error={editing ? undefined : patch.error} onReload={() => void reload()} />
      {values.data.length === 0 ? (
        <p>{o('empty')}</p>
      ) : (
        <table className="table table--compact table--zebra">
          <caption>{o('caption', { kind: o(`kinds.${kind}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{o('name')}</th>
              <th scope="col">{o('description')}</th>
              <th scope="col">{o('status')}</th>
              <th scope="col">{o('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {values.data.map((value) => (
              <tr key={value.uuid}>
                <th scope="row">{value.name}</th>
                <td>
                  {editing === value.uuid ? (
                    <form onSubmit={(e) => submitDescription(e, value)} noValidate aria-busy={patch.isPending}>
                      <ProblemAlert error={patch.error} onReload={() => void reload()} />
                      <TextAreaField
                        name="description"
                        label={o('localDescription', { name: value.name })}
                        hint={o('localDescriptionHint', { global: value.globalDescription || o('noGlobalDescription') })}
                        value={description}
                        maxLength={2000}
                        error={fieldError(patch.error, 'description')}
                        onChange={(e) => setDescription(e.target.value)}
                      />
                      <div className="admin-settings-actions">
                        <button type="submit" className="button button-primary" disabled={patch.isPending}>
                          {t('common.save')}
                        </button>
                        <button type="button" className="button button-secondary" onClick={() => setEditing(undefined)}>
                          {t('common.cancel')}
                        </button>
                      </div>
                    </form>
                  ) : (
                    <>
                      {value.description}
                      {value.localDescription && <span className="badge badge-small">{o('local')}</span>}
                    </>
                  )}
                </td>
                <td>
                  <span className={badge(value)}>{status(value)}</span>
                </td>
                <td>
                  <div className="admin-settings-actions">
                    {value.isEnabled && !value.isObligatory && (
                      <button
                        type="button"
                        className="button button-secondary"
                        disabled={patch.isPending}
                        onClick={() => patch.mutate({ value, body: { isActive: !value.isActive } })}
                      >
                        {o(value.isActive ? 'deactivate' : 'activate', { name: value.name })}
                      </button>
                    )}
                    {editing !== value.uuid && (
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => {
                          patch.reset();
                          setDescription(value.localDescription ?? '');
                          setEditing(value.uuid);
                        }}
                      >
                        {o('editDescription', { name: value.name })}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

interface GlobalDraft {
  name: string;
  description: string;
  priority: string;
  isObligatory: boolean;
  isEnabled: boolean;
}

const EMPTY: GlobalDraft = { name: '', description: '', priority: '0', isObligatory: false, isEnabled: true };

/** Global administrators create global values and edit them (PATCH with If-Match; a 412 offers "Hent nyeste"). */
function GlobalValues({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const key = ['global-option-types', kind];
  const values = useQuery({
    queryKey: key,
    queryFn: () => unwrap(api.GET('/api/v2/option-types/{kind}', { params: { path: { kind } } })),
  });
  const [editing, setEditing] = useState<{ value?: GlobalValue; etag?: string | null }>();
  const [draft, setDraft] = useState<GlobalDraft>(EMPTY);
  const open = async (uuid?: string) => {
    save.reset();
    if (!uuid) {
      setDraft(EMPTY);
      setEditing({});
      return;
    }
    const { data, etag } = await unwrapWithEtag(api.GET('/api/v2/option-types/{kind}/{uuid}', { params: { path: { kind, uuid } } }));
    setDraft({
      name: data.name,
      description: data.description ?? '',
      priority: String(data.priority),
      isObligatory: data.isObligatory,
      isEnabled: data.isEnabled,
    });
    setEditing({ value: data, etag });
  };
  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name.trim(),
        description: draft.description.trim() || null,
        priority: Number(draft.priority),
        isObligatory: draft.isObligatory,
        isEnabled: draft.isEnabled,
      };
      const existing = editing?.value;
      if (!existing) return unwrap(api.POST('/api/v2/option-types/{kind}', { params: { path: { kind } }, body }));
      return unwrap(
        api.PATCH('/api/v2/option-types/{kind}/{uuid}', {
          params: { path: { kind, uuid: existing.uuid }, header: { 'If-Match': editing?.etag ?? undefined } },
          body,
        }),
      );
    },
    onSuccess: async () => {
      setEditing(undefined);
      await queries.invalidateQueries({ queryKey: key });
      await queries.invalidateQueries({ queryKey: ['local-option-types'] });
    },
  });
  const g = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.optionTypes.global.${k}`, options);
  const o = (k: string, options: Record<string, unknown> = {}) => t(`adminSettings.optionTypes.${k}`, options);
  const set = <K extends keyof GlobalDraft>(k: K, v: GlobalDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };

  return (
    <section className="admin-settings-section" aria-labelledby="global-values">
      <h2 id="global-values">{g('heading')}</h2>
      <SavedNotice show={save.isSuccess} message={t('adminSettings.saved')} />
      {values.isPending ? (
        <Spinner />
      ) : values.error ? (
        <ProblemAlert error={values.error} />
      ) : (
        <table className="table table--compact">
          <caption>{g('caption', { kind: o(`kinds.${kind}`) })}</caption>
          <thead>
            <tr>
              <th scope="col">{o('name')}</th>
              <th scope="col">{o('description')}</th>
              <th scope="col" className="numeric">
                {g('priority')}
              </th>
              <th scope="col">{o('status')}</th>
              <th scope="col">{o('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {values.data.map((value) => (
              <tr key={value.uuid}>
                <th scope="row">{value.name}</th>
                <td>{value.description}</td>
                <td className="numeric">{value.priority}</td>
                <td>
                  {[value.isEnabled ? g('isEnabled') : o('disabled'), value.isObligatory ? o('obligatory') : undefined]
                    .filter(Boolean)
                    .join(', ')}
                </td>
                <td>
                  <button type="button" className="button button-secondary" onClick={() => void open(value.uuid)}>
                    {g('edit', { name: value.name })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!editing ? (
        <button type="button" className="button button-secondary" onClick={() => void open()}>
          {g('create')}
        </button>
      ) : (
        <form onSubmit={submit} noValidate aria-busy={save.isPending} aria-labelledby="global-value-form">
          <h3 id="global-value-form">{editing.value ? g('editHeading', { name: editing.value.name }) : g('create')}</h3>
          <ProblemAlert error={save.error} onReload={() => void open(editing.value?.uuid)} />
          <Field
            name="name"
            label={o('name')}
            required
            maxLength={150}
            value={draft.name}
            error={fieldError(save.error, 'name')}
            onChange={(e) => set('name', e.target.value)}
          />
          <TextAreaField
            name="globalDescription"
            label={o('description')}
            maxLength={2000}
            value={draft.description}
            error={fieldError(save.error, 'description')}
            onChange={(e) => set('description', e.target.value)}
          />
          <Field
            name="priority"
            label={g('priority')}
            hint={g('priorityHint')}
            type="number"
            min={0}
            max={1000000}
            step={1}
            value={draft.priority}
            error={fieldError(save.error, 'priority')}
            onChange={(e) => set('priority', e.target.value)}
          />
          {(['isEnabled', 'isObligatory'] as const).map((flag) => (
            <div className="form-group-checkbox" key={flag}>
              <input
                id={`field-${flag}`}
                className="form-checkbox"
                type="checkbox"
                checked={draft[flag]}
                onChange={(e) => set(flag, e.target.checked)}
              />
              <label htmlFor={`field-${flag}`}>{g(flag)}</label>
            </div>
          ))}
          <div className="admin-settings-actions">
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('common.save')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setEditing(undefined)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
