import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap, unwrapWithEtag, type Schemas } from '../../api/client';
import { useSession } from '../../auth/session';
import { FieldFrame } from '../../components/Field';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import { errorAt, fromDrafts, ruleErrors, toDraft, type RuleDraft } from './rule-pack-form';
import './rule-pack.css';

type Module = Schemas['DataQualityRule']['module'];
const MODULES: Module[] = ['usages', 'contracts', 'dprs', 'relations', 'interfaces'];
const LEVELS: Array<Schemas['DataQualityRule']['level']> = ['minimum', 'quality'];
const CHECKS: Array<Schemas['DataQualityCheck']['type']> = ['required', 'requiredWhen', 'oneOf', 'maxAgeMonths', 'hasLinked'];

/** One rule of the pack as a group of fields; every control's id is `field-rules[i].<path>`, as the server names it. */
function RuleEditor({
  index,
  draft,
  errors,
  readOnly,
  onChange,
  onRemove,
}: {
  index: number;
  draft: RuleDraft;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (draft: RuleDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = (path: string) => `field-rules[${index}].${path}`;
  const described = (path: string) => (errorAt(errors, path) ? `${id(path)}-error` : undefined);
  const set = <K extends keyof RuleDraft>(key: K, value: RuleDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <fieldset className="rule-editor">
      <legend>
        {draft.title || t('dataQuality.rulePack.newRule')} <span className="small-text">({draft.id || '–'})</span>
      </legend>
      <div className="rule-editor__grid">
        <FieldFrame name={`rules[${index}].id`} label={t('dataQuality.rulePack.id')} error={errorAt(errors, 'id')}>
          <input
            id={id('id')}
            className="form-input"
            value={draft.id}
            readOnly={readOnly}
            aria-invalid={errorAt(errors, 'id') ? true : undefined}
            aria-describedby={described('id')}
            onChange={(e) => set('id', e.target.value)}
          />
        </FieldFrame>
        <FieldFrame name={`rules[${index}].module`} label={t('dataQuality.module')} error={errorAt(errors, 'module')}>
          <select
            id={id('module')}
            className="form-select"
            value={draft.module}
            disabled={readOnly}
            aria-describedby={described('module')}
            onChange={(e) => set('module', e.target.value as Module)}
          >
            {MODULES.map((m) => (
              <option key={m} value={m}>
                {t(`dataQuality.moduleName.${m}`)}
              </option>
            ))}
          </select>
        </FieldFrame>
        <FieldFrame name={`rules[${index}].level`} label={t('dataQuality.rulePack.level')} error={errorAt(errors, 'level')}>
          <select
            id={id('level')}
            className="form-select"
            value={draft.level}
            disabled={readOnly}
            aria-describedby={described('level')}
            onChange={(e) => set('level', e.target.value as RuleDraft['level'])}
          >
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`dataQuality.level.${l}`)}
              </option>
            ))}
          </select>
        </FieldFrame>
        <FieldFrame name={`rules[${index}].check.type`} label={t('dataQuality.rulePack.checkType')} error={errorAt(errors, 'check.type')}>
          <select
            id={id('check.type')}
            className="form-select"
            value={draft.checkType}
            disabled={readOnly}
            aria-describedby={described('check.type')}
            onChange={(e) => set('checkType', e.target.value as RuleDraft['checkType'])}
          >
            {CHECKS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </FieldFrame>
      </div>
      <FieldFrame name={`rules[${index}].title`} label={t('dataQuality.rulePack.ruleTitle')} error={errorAt(errors, 'title')}>
        <input
          id={id('title')}
          className="form-input input-width-xl"
          value={draft.title}
          readOnly={readOnly}
          aria-invalid={errorAt(errors, 'title') ? true : undefined}
          aria-describedby={described('title')}
          onChange={(e) => set('title', e.target.value)}
        />
      </FieldFrame>
      <FieldFrame name={`rules[${index}].description`} label={t('dataQuality.rulePack.description')} error={errorAt(errors, 'description')}>
        <textarea
          id={id('description')}
          className="form-input input-width-xl"
          rows={2}
          value={draft.description}
          readOnly={readOnly}
          aria-describedby={described('description')}
          onChange={(e) => set('description', e.target.value)}
        />
      </FieldFrame>
      <FieldFrame name={`rules[${index}].check.params`} label={t('dataQuality.rulePack.params')} error={errorAt(errors, 'check.params')}>
        <textarea
          id={id('check.params')}
          className="form-input input-width-xl rule-editor__json"
          rows={4}
          spellCheck={false}
          value={draft.params}
          readOnly={readOnly}
          aria-invalid={errorAt(errors, 'check.params') ? true : undefined}
          aria-describedby={described('check.params')}
          onChange={(e) => set('params', e.target.value)}
        />
      </FieldFrame>
      <div className="form-group">
        <input
          id={id('enabled')}
          type="checkbox"
          className="form-checkbox"
          checked={draft.enabled ?? true}
          disabled={readOnly}
          onChange={(e) => set('enabled', e.target.checked)}
        />
        <label htmlFor={id('enabled')}>{t('dataQuality.rulePack.enabled')}</label>
      </div>
      {!readOnly && (
        <button type="button" className="button button-secondary" onClick={onRemove}>
          {t('dataQuality.rulePack.remove')}
        </button>
      )}
    </fieldset>
  );
}

/**
 * The shared rule pack of the data-quality scores: every user reads it and its earlier versions; global administrators
 * edit it (each save is a new version; a save from an older version than the current answers 412).
 */
export function RulePackPage() {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const { isGlobalAdmin } = useSession();
  const client = useQueryClient();
  const current = useQuery({
    queryKey: ['data-quality', 'rule-pack'],
    queryFn: () => unwrapWithEtag(api.GET('/api/v2/data-quality/rule-pack')),
    select: ({ data }) => data,
  });
  // the pack as read, with its ETag for If-Match (the query's data is the pack alone)
  const etag = () => client.getQueryData<{ etag: string | null }>(['data-quality', 'rule-pack'])?.etag ?? undefined;
  const [shownVersion, setShownVersion] = useState<number | null>(null);
  const older = useQuery({
    queryKey: ['data-quality', 'rule-pack', shownVersion],
    enabled: shownVersion !== null && shownVersion !== current.data?.version,
    queryFn: () => unwrap(api.GET('/api/v2/data-quality/rule-pack/versions/{version}', { params: { path: { version: shownVersion! } } })),
  });
  const [drafts, setDrafts] = useState<RuleDraft[]>([]);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<number | null>(null);
  useEffect(() => {
    if (current.data) setDrafts(current.data.rules.map(toDraft));
  }, [current.data]);

  const save = useMutation({
    mutationFn: (body: Schemas['PutRulePackRequest']) =>
      unwrapWithEtag(api.PUT('/api/v2/data-quality/rule-pack', { params: { header: { 'If-Match': etag() } }, body })),
    onSuccess: (pack) => {
      setSaved(pack.data.version);
      client.setQueryData(['data-quality', 'rule-pack'], pack);
      void client.invalidateQueries({ queryKey: ['data-quality'] });
    },
  });

  if (current.isPending) return <Spinner />;
  if (current.error) return <ProblemAlert error={current.error} />;
  const viewingOlder = shownVersion !== null && shownVersion !== current.data.version;
  const readOnly = !isGlobalAdmin || viewingOlder;
  const invalid = { ...localErrors, ...(save.error instanceof ApiError ? save.error.fieldErrors() : {}) };
  const shown = viewingOlder ? (older.data?.rules.map(toDraft) ?? []) : drafts;
  const invalidText = t('dataQuality.rulePack.invalidJson');

  return (
    <>
      <h1>{t('dataQuality.rulePack.title')}</h1>
      <p>{t(isGlobalAdmin ? 'dataQuality.rulePack.introAdmin' : 'dataQuality.rulePack.intro')}</p>
      <div className="form-group">
        <label className="form-label" htmlFor="rule-pack-version">
          {t('dataQuality.rulePack.version')}
        </label>
        <select
          id="rule-pack-version"
          className="form-select"
          value={shownVersion ?? current.data.version}
          onChange={(e) => setShownVersion(Number(e.target.value))}
        >
          {Array.from({ length: current.data.version }, (_, i) => current.data.version - i).map((v) => (
            <option key={v} value={v}>
              {v === current.data.version ? t('dataQuality.rulePack.currentVersion', { version: v }) : v}
            </option>
          ))}
        </select>
      </div>
      {viewingOlder && older.isPending ? (
        <Spinner />
      ) : viewingOlder && older.error ? (
        <ProblemAlert error={older.error} />
      ) : (
        <p>
          {t('dataQuality.rulePack.meta', {
            version: viewingOlder ? older.data?.version : current.data.version,
            basedOn: current.data.basedOn,
            when: format.dateTime(viewingOlder ? older.data?.createdAt : current.data.createdAt),
            count: shown.length,
          })}
        </p>
      )}
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(null);
          const result = fromDrafts(drafts);
          if ('errors' in result) {
            setLocalErrors(Object.fromEntries(Object.keys(result.errors).map((field) => [field, invalidText])));
            return;
          }
          setLocalErrors({});
          save.mutate({ version: current.data.version, rules: result.rules });
        }}
      >
        {Object.keys(localErrors).length > 0 && (
          <div className="alert alert-error" role="alert">
            <div className="alert-body">
              <p className="alert-heading">{t('errors.title')}</p>
              <ul className="nobullet-list">
                {Object.keys(localErrors).map((field) => (
                  <li key={field}>
                    <a href={`#field-${field}`}>{invalidText}</a>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <ProblemAlert
          error={save.error}
          onReload={() => {
            save.reset();
            void current.refetch();
          }}
        />
        {saved !== null && (
          <div className="alert alert-success" role="status">
            <p className="alert-text">{t('dataQuality.rulePack.saved', { version: saved })}</p>
          </div>
        )}
        {shown.map((draft, i) => (
          <RuleEditor
            key={i}
            index={i}
            draft={draft}
            readOnly={readOnly}
            errors={readOnly ? {} : ruleErrors(invalid, i)}
            onChange={(next) => setDrafts(drafts.map((d, j) => (j === i ? next : d)))}
            onRemove={() => setDrafts(drafts.filter((_, j) => j !== i))}
          />
        ))}
        {!readOnly && (
          <div className="download-actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() =>
                setDrafts([
                  ...drafts,
                  {
                    id: '',
                    module: 'usages',
                    level: 'quality',
                    title: '',
                    description: '',
                    enabled: true,
                    checkType: 'required',
                    params: '{\n  "field": ""\n}',
                  },
                ])
              }
            >
              {t('dataQuality.rulePack.add')}
            </button>
            <button type="submit" className="button button-primary" disabled={save.isPending}>
              {t('dataQuality.rulePack.save')}
            </button>
          </div>
        )}
      </form>
    </>
  );
}
