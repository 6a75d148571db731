import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { CheckboxGroup, SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';

type Gdpr = Schemas['UsageGdprResponse'];
type GdprWrite = Schemas['UsageGdprWriteRequest'];
type Answer = NonNullable<GdprWrite['dpiaConducted']>;
type Link = { name: string; url: string };

/** KITOS: each yes/no question and the fields that are only filled in when it is answered yes (as the gdpr service rules). */
export const GDPR_YES_GATES = {
  technicalPrecautionsInPlace: ['technicalPrecautionsApplied', 'technicalPrecautionsDocumentation'],
  userSupervision: ['userSupervisionDate', 'userSupervisionDocumentation'],
  riskAssessmentConducted: ['riskAssessmentConductedDate', 'riskAssessmentResult', 'riskAssessmentDocumentation', 'riskAssessmentNotes'],
  dpiaConducted: ['dpiaDate', 'dpiaDocumentation'],
  retentionPeriodDefined: ['nextDataRetentionEvaluationDate', 'dataRetentionEvaluationFrequencyInMonths'],
} as const;
type Gate = keyof typeof GDPR_YES_GATES;

const ANSWERS: Answer[] = ['Yes', 'No', 'DontKnow'];
const HOSTING = ['OnPremise', 'External', 'Hybrid'] as const;
const SENSITIVITY = ['None', 'PersonData', 'SensitiveData', 'LegalData'] as const;
const SPECIFIC = ['CprNumber', 'SocialProblems', 'OtherPrivateMatters'] as const;
const PRECAUTIONS = ['Encryption', 'Pseudonymization', 'AccessControl', 'Logging'] as const;
const RESULTS = ['Low', 'Medium', 'High'] as const;

interface Values {
  purpose: string;
  businessCritical: string;
  hostedAt: string;
  dataSensitivityLevels: string[];
  specificPersonalData: string[];
  directoryDocumentation: Link;
  technicalPrecautionsInPlace: string;
  technicalPrecautionsApplied: string[];
  technicalPrecautionsDocumentation: Link;
  userSupervision: string;
  userSupervisionDate: string;
  userSupervisionDocumentation: Link;
  riskAssessmentConducted: string;
  riskAssessmentConductedDate: string;
  riskAssessmentResult: string;
  riskAssessmentDocumentation: Link;
  riskAssessmentNotes: string;
  plannedRiskAssessmentDate: string;
  dpiaConducted: string;
  dpiaDate: string;
  dpiaDocumentation: Link;
  retentionPeriodDefined: string;
  nextDataRetentionEvaluationDate: string;
  dataRetentionEvaluationFrequencyInMonths: string;
}

const choice = (value?: string | null) => (value && value !== 'Undecided' ? value : '');
const link = (value?: { name: string | null; url: string | null } | null): Link => ({ name: value?.name ?? '', url: value?.url ?? '' });
const day = (value?: string | null) => (value ? value.slice(0, 10) : '');

function valuesOf(gdpr: Gdpr): Values {
  return {
    purpose: gdpr.purpose ?? '',
    businessCritical: choice(gdpr.businessCritical),
    hostedAt: choice(gdpr.hostedAt),
    dataSensitivityLevels: [...gdpr.dataSensitivityLevels],
    specificPersonalData: [...gdpr.specificPersonalData],
    directoryDocumentation: link(gdpr.directoryDocumentation),
    technicalPrecautionsInPlace: choice(gdpr.technicalPrecautionsInPlace),
    technicalPrecautionsApplied: [...gdpr.technicalPrecautionsApplied],
    technicalPrecautionsDocumentation: link(gdpr.technicalPrecautionsDocumentation),
    userSupervision: choice(gdpr.userSupervision),
    userSupervisionDate: day(gdpr.userSupervisionDate),
    userSupervisionDocumentation: link(gdpr.userSupervisionDocumentation),
    riskAssessmentConducted: choice(gdpr.riskAssessmentConducted),
    riskAssessmentConductedDate: day(gdpr.riskAssessmentConductedDate),
    riskAssessmentResult: choice(gdpr.riskAssessmentResult),
    riskAssessmentDocumentation: link(gdpr.riskAssessmentDocumentation),
    riskAssessmentNotes: gdpr.riskAssessmentNotes ?? '',
    plannedRiskAssessmentDate: day(gdpr.plannedRiskAssessmentDate),
    dpiaConducted: choice(gdpr.dpiaConducted),
    dpiaDate: day(gdpr.dpiaDate),
    dpiaDocumentation: link(gdpr.dpiaDocumentation),
    retentionPeriodDefined: choice(gdpr.retentionPeriodDefined),
    nextDataRetentionEvaluationDate: day(gdpr.nextDataRetentionEvaluationDate),
    dataRetentionEvaluationFrequencyInMonths: gdpr.dataRetentionEvaluationFrequencyInMonths?.toString() ?? '',
  };
}

const text = (value: string) => value.trim() || null;
const linkBody = (value: Link) => (value.name.trim() || value.url.trim() ? { name: text(value.name), url: text(value.url) } : null);

/**
 * The PATCH body: every question; a yes-gated field only while its question is answered yes (otherwise it is left out
 * and the server clears it, as KITOS does).
 */
export function gdprBody(values: Values): GdprWrite {
  const body: GdprWrite = {
    purpose: text(values.purpose),
    businessCritical: (values.businessCritical || null) as GdprWrite['businessCritical'],
    hostedAt: (values.hostedAt || null) as GdprWrite['hostedAt'],
    dataSensitivityLevels: values.dataSensitivityLevels as GdprWrite['dataSensitivityLevels'],
    specificPersonalData: values.specificPersonalData as GdprWrite['specificPersonalData'],
    directoryDocumentation: linkBody(values.directoryDocumentation),
    technicalPrecautionsInPlace: (values.technicalPrecautionsInPlace || null) as Answer | null,
    userSupervision: (values.userSupervision || null) as Answer | null,
    riskAssessmentConducted: (values.riskAssessmentConducted || null) as Answer | null,
    plannedRiskAssessmentDate: values.plannedRiskAssessmentDate || null,
    dpiaConducted: (values.dpiaConducted || null) as Answer | null,
    retentionPeriodDefined: (values.retentionPeriodDefined || null) as Answer | null,
  };
  if (values.technicalPrecautionsInPlace === 'Yes') {
    body.technicalPrecautionsApplied = values.technicalPrecautionsApplied as GdprWrite['technicalPrecautionsApplied'];
    body.technicalPrecautionsDocumentation = linkBody(values.technicalPrecautionsDocumentation);
  }
  if (values.userSupervision === 'Yes') {
    body.userSupervisionDate = values.userSupervisionDate || null;
    body.userSupervisionDocumentation = linkBody(values.userSupervisionDocumentation);
  }
  if (values.riskAssessmentConducted === 'Yes') {
    body.riskAssessmentConductedDate = values.riskAssessmentConductedDate || null;
    body.riskAssessmentResult = (values.riskAssessmentResult || null) as GdprWrite['riskAssessmentResult'];
    body.riskAssessmentDocumentation = linkBody(values.riskAssessmentDocumentation);
    body.riskAssessmentNotes = text(values.riskAssessmentNotes);
  }
  if (values.dpiaConducted === 'Yes') {
    body.dpiaDate = values.dpiaDate || null;
    body.dpiaDocumentation = linkBody(values.dpiaDocumentation);
  }
  if (values.retentionPeriodDefined === 'Yes') {
    body.nextDataRetentionEvaluationDate = values.nextDataRetentionEvaluationDate || null;
    const months = values.dataRetentionEvaluationFrequencyInMonths.trim();
    body.dataRetentionEvaluationFrequencyInMonths = months === '' ? null : Number(months);
  }
  return body;
}

/**
 * The usage's GDPR registration [GDPR]: the questions, and under each yes/no question the fields that belong to a yes,
 * shown only while the answer is yes. Server problems are shown at their fields; a 412 offers "Hent nyeste".
 */
export function GdprForm({
  gdpr,
  canEdit,
  saving,
  error,
  saved,
  onSave,
  onReload,
}: {
  gdpr: Gdpr;
  canEdit: boolean;
  saving?: boolean;
  error?: unknown;
  saved?: boolean;
  onSave: (body: GdprWrite) => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(() => valuesOf(gdpr));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const err = (field: string) => fieldError(error, field);
  const label = (key: string) => t(`usages.gdpr.${key}`);
  const options = (values: readonly string[]) => values.map((value) => ({ value, label: t(`usages.values.${value}`) }));
  const disabled = !canEdit;

  const select = (key: keyof Values, choices: readonly string[]) => (
    <SelectField
      name={key}
      label={label(key)}
      placeholder={t('usages.gdpr.choose')}
      options={options(choices)}
      value={values[key] as string}
      disabled={disabled}
      onChange={(e) => set(key, e.target.value as never)}
      error={err(key)}
    />
  );
  const answer = (gate: Gate, children: ReactNode) => (
    <div className="gdpr-question">
      {select(gate, ANSWERS)}
      {values[gate] === 'Yes' && <div className="gdpr-gated">{children}</div>}
    </div>
  );
  const dateField = (key: keyof Values) => (
    <Field
      name={key}
      label={label(key)}
      type="date"
      value={values[key] as string}
      disabled={disabled}
      onChange={(e) => set(key, e.target.value as never)}
      error={err(key)}
    />
  );
  const linkField = (key: keyof Values) => {
    const value = values[key] as Link;
    const error = err(key) ?? err(`${key}.url`) ?? err(`${key}.name`);
    return (
      <fieldset className="form-group gdpr-link">
        <legend className="form-label">{label(key)}</legend>
        <Field
          name={`${key}.name`}
          label={t('usages.gdpr.linkName')}
          value={value.name}
          maxLength={150}
          disabled={disabled}
          onChange={(e) => set(key, { ...value, name: e.target.value } as never)}
        />
        <Field
          name={`${key}.url`}
          label={t('usages.gdpr.linkUrl')}
          type="url"
          value={value.url}
          maxLength={2000}
          disabled={disabled}
          onChange={(e) => set(key, { ...value, url: e.target.value } as never)}
          error={error}
        />
      </fieldset>
    );
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(gdprBody(values));
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('usages.gdpr.heading')}>
      <ProblemAlert error={error} onReload={onReload} />
      <SavedNotice show={!!saved && !error} message={t('usages.page.saved')} />
      <TextAreaField
        name="purpose"
        label={label('purpose')}
        maxLength={2000}
        value={values.purpose}
        disabled={disabled}
        onChange={(e) => set('purpose', e.target.value)}
        error={err('purpose')}
      />
      {select('businessCritical', ANSWERS)}
      {select('hostedAt', HOSTING)}
      <CheckboxGroup
        name="dataSensitivityLevels"
        legend={label('dataSensitivityLevels')}
        options={options(SENSITIVITY)}
        value={values.dataSensitivityLevels}
        disabled={disabled}
        onChange={(next) => set('dataSensitivityLevels', next)}
        error={err('dataSensitivityLevels')}
      />
      <CheckboxGroup
        name="specificPersonalData"
        legend={label('specificPersonalData')}
        options={options(SPECIFIC)}
        value={values.specificPersonalData}
        disabled={disabled}
        onChange={(next) => set('specificPersonalData', next)}
        error={err('specificPersonalData')}
      />
      {linkField('directoryDocumentation')}
      {answer(
        'technicalPrecautionsInPlace',
        <>
          <CheckboxGroup
            name="technicalPrecautionsApplied"
            legend={label('technicalPrecautionsApplied')}
            options={options(PRECAUTIONS)}
            value={values.technicalPrecautionsApplied}
            disabled={disabled}
            onChange={(next) => set('technicalPrecautionsApplied', next)}
            error={err('technicalPrecautionsApplied')}
          />
          {linkField('technicalPrecautionsDocumentation')}
        </>,
      )}
      {answer(
        'userSupervision',
        <>
          {dateField('userSupervisionDate')}
          {linkField('userSupervisionDocumentation')}
        </>,
      )}
      {answer(
        'riskAssessmentConducted',
        <>
          {dateField('riskAssessmentConductedDate')}
          {select('riskAssessmentResult', RESULTS)}
          {linkField('riskAssessmentDocumentation')}
          <TextAreaField
            name="riskAssessmentNotes"
            label={label('riskAssessmentNotes')}
            maxLength={20000}
            value={values.riskAssessmentNotes}
            disabled={disabled}
            onChange={(e) => set('riskAssessmentNotes', e.target.value)}
            error={err('riskAssessmentNotes')}
          />
        </>,
      )}
      {dateField('plannedRiskAssessmentDate')}
      {answer(
        'dpiaConducted',
        <>
          {dateField('dpiaDate')}
          {linkField('dpiaDocumentation')}
        </>,
      )}
      {answer(
        'retentionPeriodDefined',
        <>
          {dateField('nextDataRetentionEvaluationDate')}
          <Field
            name="dataRetentionEvaluationFrequencyInMonths"
            label={label('dataRetentionEvaluationFrequencyInMonths')}
            type="number"
            inputMode="numeric"
            min={0}
            max={1200}
            value={values.dataRetentionEvaluationFrequencyInMonths}
            disabled={disabled}
            onChange={(e) => set('dataRetentionEvaluationFrequencyInMonths', e.target.value)}
            error={err('dataRetentionEvaluationFrequencyInMonths')}
          />
        </>,
      )}
      {canEdit && (
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('common.save')}
        </button>
      )}
    </form>
  );
}
