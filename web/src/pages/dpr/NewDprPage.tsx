import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearch } from '@tanstack/react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { useSignedIn } from '../../auth/session';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SelectField } from '../contracts/FormControls';

type Oversight = Schemas['DprOversightWrite'];
type Interval = NonNullable<Oversight['oversightInterval']>;
type Completed = NonNullable<Oversight['isOversightCompleted']>;
type Agreement = NonNullable<Schemas['DprGeneralWrite']['isAgreementConcluded']>;
const INTERVALS: Interval[] = ['Undecided', 'BiYearly', 'Yearly', 'EveryOtherYear', 'Other'];

/** Create a data processing registration with its agreement answer and oversight; its page then shows the next oversight. */
export function NewDprPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { current } = useSignedIn();
  const [name, setName] = useState('');
  const [agreement, setAgreement] = useState<Agreement | ''>('');
  const [agreementAt, setAgreementAt] = useState('');
  const [interval, setInterval] = useState<Interval | ''>('');
  const [completed, setCompleted] = useState<Completed | ''>('');
  const [dates, setDates] = useState<string[]>(['']);
  const [scheduled, setScheduled] = useState('');
  const f = (k: string) => t(`dpr.fields.${k}`);
  const { systemUsageUuid } = useSearch({ strict: false }) as { systemUsageUuid?: string };
  const usage = useQuery({
    queryKey: ['it-system-usage', systemUsageUuid],
    queryFn: () => unwrap(api.GET('/api/v2/it-system-usages/{uuid}', { params: { path: { uuid: systemUsageUuid! } } })),
    enabled: Boolean(systemUsageUuid),
  });

  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v2/data-processing-registrations', {
          body: {
            organizationUuid: current.organization.uuid,
            name: name.trim(),
            systemUsageUuids: systemUsageUuid ? [systemUsageUuid] : [],
            general: {
              isAgreementConcluded: agreement || null,
              agreementConcludedAt: agreement === 'Yes' && agreementAt ? agreementAt : null,
            },
            oversight: {
              oversightInterval: interval || null,
              isOversightCompleted: completed || null,
              oversightDates: completed === 'Yes' ? dates.filter(Boolean).map((completedAt) => ({ completedAt })) : [],
              oversightScheduledInspectionDate: scheduled || null,
            },
          },
        }),
      ),
    onSuccess: (dpr) => {
      void queries.invalidateQueries({ queryKey: ['dprs'] });
      void queries.invalidateQueries({ queryKey: ['gdpr'] });
      return navigate({ to: '/data-processing/$uuid', params: { uuid: dpr.uuid } });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <>
      <h1>{t('dpr.createTitle')}</h1>
      {systemUsageUuid && (
        <p className="alert alert-info">
          <span className="alert-body">{t('dpr.forSystem', { system: usage.data?.systemContext.name ?? '…' })}</span>
        </p>
      )}
      <form onSubmit={submit} noValidate aria-busy={create.isPending}>
        <ProblemAlert error={create.error} />
        <Field
          name="name"
          label={f('name')}
          required
          value={name}
          error={fieldError(create.error, 'name')}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="kitos-form-grid">
          <SelectField
            name="general.isAgreementConcluded"
            label={f('isAgreementConcluded')}
            value={agreement}
            onChange={(e) => setAgreement(e.target.value as Agreement | '')}
          >
            <option value="">{t('dpr.none')}</option>
            {(['Yes', 'No', 'DontKnow', 'Irrelevant'] as const).map((a) => (
              <option key={a} value={a}>
                {t(`dpr.answers.${a}`)}
              </option>
            ))}
          </SelectField>
          {agreement === 'Yes' && (
            <Field
              name="general.agreementConcludedAt"
              label={f('agreementConcludedAt')}
              type="date"
              value={agreementAt}
              error={fieldError(create.error, 'general.agreementConcludedAt')}
              onChange={(e) => setAgreementAt(e.target.value)}
            />
          )}
        </div>
        <fieldset className="kitos-fieldset">
          <legend className="h3">{t('dpr.sections.oversight')}</legend>
          <div className="kitos-form-grid">
            <SelectField
              name="oversight.oversightInterval"
              label={f('oversightInterval')}
              value={interval}
              onChange={(e) => setInterval(e.target.value as Interval | '')}
            >
              <option value="">{t('dpr.none')}</option>
              {INTERVALS.map((i) => (
                <option key={i} value={i}>
                  {t(`dpr.intervals.${i}`)}
                </option>
              ))}
            </SelectField>
            <SelectField
              name="oversight.isOversightCompleted"
              label={f('isOversightCompleted')}
              value={completed}
              onChange={(e) => setCompleted(e.target.value as Completed | '')}
            >
              <option value="">{t('dpr.none')}</option>
              {(['Yes', 'No'] as const).map((a) => (
                <option key={a} value={a}>
                  {t(`dpr.answers.${a}`)}
                </option>
              ))}
            </SelectField>
            <Field
              name="oversight.oversightScheduledInspectionDate"
              label={f('scheduledInspection')}
              type="date"
              value={scheduled}
              error={fieldError(create.error, 'oversight.oversightScheduledInspectionDate')}
              onChange={(e) => setScheduled(e.target.value)}
            />
          </div>
          {completed === 'Yes' && (
            <>
              {dates.map((date, i) => (
                <div key={i} className="kitos-actions">
                  <Field
                    name={`oversight.oversightDates[${i}].completedAt`}
                    label={t('dpr.oversightN', { n: i + 1 })}
                    type="date"
                    value={date}
                    error={fieldError(create.error, `oversight.oversightDates[${i}].completedAt`)}
                    onChange={(e) => setDates(dates.map((d, j) => (j === i ? e.target.value : d)))}
                  />
                  {dates.length > 1 && (
                    <button type="button" className="button button-secondary" onClick={() => setDates(dates.filter((_, j) => j !== i))}>
                      {t('dpr.removeOversight', { n: i + 1 })}
                    </button>
                  )}
                </div>
              ))}
              <button type="button" className="button button-secondary" onClick={() => setDates([...dates, ''])}>
                {t('dpr.addOversight')}
              </button>
            </>
          )}
        </fieldset>
        <div className="kitos-actions">
          <button type="submit" className="button button-primary" disabled={create.isPending}>
            {t('dpr.create')}
          </button>
          <Link to="/data-processing" className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
