import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';
import type { UsageSectionProps } from './section-props';

type Usage = Schemas['ComposedItSystemUsageResponse'];
type GeneralWrite = Schemas['UsageGeneralWrite'];

const LIFE_CYCLE = ['Undecided', 'NotInUse', 'PhasingIn', 'Operational', 'PhasingOut'] as const;
const YES_NO_UNDECIDED = ['Yes', 'No', 'Undecided'] as const;
const ACCESSIBILITY = ['Yes', 'No', 'Partially'] as const;

function valuesOf(usage: Usage) {
  const g = usage.general;
  return {
    localCallName: g.localCallName ?? '',
    localSystemId: g.localSystemId ?? '',
    systemVersion: g.systemVersion ?? '',
    notes: g.notes ?? '',
    lifeCycleStatus: g.validity.lifeCycleStatus ?? '',
    validFrom: g.validity.validFrom ?? '',
    validTo: g.validity.validTo ?? '',
    containsAITechnology: g.containsAITechnology ?? '',
    webAccessibilityCompliance: g.webAccessibilityCompliance ?? '',
    lastWebAccessibilityCheck: g.lastWebAccessibilityCheck ?? '',
    webAccessibilityNotes: g.webAccessibilityNotes ?? '',
  };
}
type Values = ReturnType<typeof valuesOf>;

const text = (value: string) => value.trim() || null;

/**
 * The usage's general section as the API takes it back. PATCH replaces the section as a whole, so every write of it
 * starts from this (the main contract, data classification and expected users are kept when another tab saves).
 */
export function currentGeneral(usage: Usage): GeneralWrite {
  const g = usage.general;
  return {
    localCallName: g.localCallName,
    localSystemId: g.localSystemId,
    systemVersion: g.systemVersion,
    notes: g.notes,
    dataClassificationUuid: g.dataClassification?.uuid ?? null,
    mainContractUuid: g.mainContract?.uuid ?? null,
    numberOfExpectedUsers: g.numberOfExpectedUsers,
    validity: { lifeCycleStatus: g.validity.lifeCycleStatus, validFrom: g.validity.validFrom, validTo: g.validity.validTo },
    containsAITechnology: g.containsAITechnology,
    webAccessibilityCompliance: g.webAccessibilityCompliance,
    lastWebAccessibilityCheck: g.lastWebAccessibilityCheck,
    webAccessibilityNotes: g.webAccessibilityNotes,
  };
}

function generalBody(usage: Usage, v: Values): GeneralWrite {
  return {
    ...currentGeneral(usage),
    localCallName: text(v.localCallName),
    localSystemId: text(v.localSystemId),
    systemVersion: text(v.systemVersion),
    notes: text(v.notes),
    validity: {
      lifeCycleStatus: (v.lifeCycleStatus || null) as NonNullable<GeneralWrite['validity']>['lifeCycleStatus'],
      validFrom: v.validFrom || null,
      validTo: v.validTo || null,
    },
    containsAITechnology: (v.containsAITechnology || null) as GeneralWrite['containsAITechnology'],
    webAccessibilityCompliance: (v.webAccessibilityCompliance || null) as GeneralWrite['webAccessibilityCompliance'],
    lastWebAccessibilityCheck: v.lastWebAccessibilityCheck || null,
    webAccessibilityNotes: text(v.webAccessibilityNotes),
  };
}

/** The usage's general data [Systemforside]: edited with If-Match; server problems at their fields (`general.<field>`). */
export function GeneralTab({ usage, canEdit, saving, saved, error, onSave, onReload }: UsageSectionProps<GeneralWrite>) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => valuesOf(usage));
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const err = (field: string) => fieldError(error, `general.${field}`) ?? fieldError(error, `general.validity.${field}`);
  const label = (key: string) => t(`usages.general.${key}`);
  const options = (values: readonly string[]) => values.map((value) => ({ value, label: t(`usages.values.${value}`) }));
  const disabled = !canEdit;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave(generalBody(usage, values));
  };
  const input = (key: keyof Values, extra: { type?: string; maxLength?: number } = {}) => (
    <Field
      name={`general.${key}`}
      label={label(key)}
      value={values[key]}
      disabled={disabled}
      onChange={(e) => set(key, e.target.value)}
      error={err(key)}
      {...extra}
    />
  );
  const select = (key: keyof Values, choices: readonly string[]) => (
    <SelectField
      name={`general.${key}`}
      label={label(key)}
      placeholder={label('choose')}
      options={options(choices)}
      value={values[key]}
      disabled={disabled}
      onChange={(e) => set(key, e.target.value)}
      error={err(key)}
    />
  );
  const validity = usage.general.validity;

  return (
    <form onSubmit={submit} noValidate aria-label={t('usages.page.general')}>
      <ProblemAlert error={error} onReload={onReload} />
      <SavedNotice show={!!saved && !error} message={t('usages.page.saved')} />
      {!canEdit && <p>{t('usages.page.readOnly')}</p>}
      <p>
        <strong>{label('valid')}: </strong>
        <span className={validity.valid ? 'badge badge-success' : 'badge badge-warning'}>
          {validity.valid ? label('isValid') : label('isInvalid')}
        </span>
      </p>
      {input('localCallName', { maxLength: 100 })}
      {input('localSystemId', { maxLength: 200 })}
      {input('systemVersion', { maxLength: 100 })}
      {select('lifeCycleStatus', LIFE_CYCLE)}
      {input('validFrom', { type: 'date' })}
      {input('validTo', { type: 'date' })}
      {select('containsAITechnology', YES_NO_UNDECIDED)}
      {select('webAccessibilityCompliance', ACCESSIBILITY)}
      {input('lastWebAccessibilityCheck', { type: 'date' })}
      <TextAreaField
        name="general.webAccessibilityNotes"
        label={label('webAccessibilityNotes')}
        maxLength={20000}
        value={values.webAccessibilityNotes}
        disabled={disabled}
        onChange={(e) => set('webAccessibilityNotes', e.target.value)}
        error={err('webAccessibilityNotes')}
      />
      <TextAreaField
        name="general.notes"
        label={label('notes')}
        maxLength={20000}
        value={values.notes}
        disabled={disabled}
        onChange={(e) => set('notes', e.target.value)}
        error={err('notes')}
      />
      {canEdit && (
        <button type="submit" className="button button-primary" disabled={saving}>
          {t('common.save')}
        </button>
      )}
    </form>
  );
}
