import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError } from '../../components/ProblemAlert';
import { ContractDeadlines } from './ContractDeadlines';
import { CheckboxField, OptionSelect, SelectField } from './FormControls';
import { validateTerms, type TermsValues } from './terms';

type Option = { uuid: string; name: string | null };

export interface TermsOptions {
  noticePeriods: Option[];
  extensionOptions: Option[];
}

/**
 * Agreement period and termination [Aftaleperiode og opsigelse]: dates, duration or ongoing, extension options,
 * irrevocable period, notice period and its end-of-period rule. The rules are shown at the field as soon as they are
 * broken; the server's problems (`error`) appear at the same fields. With `deadlines`, the derived deadlines are shown.
 */
export function ContractTermsForm({
  values,
  onChange,
  options,
  error,
  deadlines,
}: {
  values: TermsValues;
  onChange: (next: TermsValues) => void;
  options: TermsOptions;
  error?: unknown;
  deadlines?: Schemas['ContractDeadlinesResponse'];
}) {
  const { t } = useTranslation();
  const local = validateTerms(values);
  const errorOf = (field: string) => (local[field] ? t(`contracts.validation.${local[field]}`) : fieldError(error, field));
  const set = <K extends keyof TermsValues>(key: K, value: TermsValues[K]) => onChange({ ...values, [key]: value });
  const f = (key: string) => t(`contracts.fields.${key}`);

  return (
    <fieldset className="kitos-fieldset">
      <legend className="h3">{t('contracts.sections.agreementPeriod')}</legend>
      <div className="kitos-form-grid">
        <Field
          name="general.validity.validFrom"
          label={f('validFrom')}
          type="date"
          value={values.validFrom}
          error={errorOf('general.validity.validFrom')}
          onChange={(e) => set('validFrom', e.target.value)}
        />
        <Field
          name="general.validity.validTo"
          label={f('validTo')}
          type="date"
          value={values.validTo}
          error={errorOf('general.validity.validTo')}
          onChange={(e) => set('validTo', e.target.value)}
        />
        <Field
          name="agreementPeriod.durationYears"
          label={f('durationYears')}
          inputMode="numeric"
          value={values.durationYears}
          disabled={values.isContinuous && !values.durationYears}
          error={errorOf('agreementPeriod.durationYears')}
          onChange={(e) => set('durationYears', e.target.value.trim())}
        />
        <Field
          name="agreementPeriod.durationMonths"
          label={f('durationMonths')}
          inputMode="numeric"
          value={values.durationMonths}
          disabled={values.isContinuous && !values.durationMonths}
          error={errorOf('agreementPeriod.durationMonths')}
          onChange={(e) => set('durationMonths', e.target.value.trim())}
        />
      </div>
      <CheckboxField
        name="agreementPeriod.isContinuous"
        label={f('isContinuous')}
        checked={values.isContinuous}
        error={errorOf('agreementPeriod.isContinuous')}
        onChange={(checked) => set('isContinuous', checked)}
      />
      <div className="kitos-form-grid">
        <OptionSelect
          name="agreementPeriod.extensionOptionsUuid"
          label={f('extensionOptions')}
          value={values.extensionOptionsUuid}
          error={errorOf('agreementPeriod.extensionOptionsUuid')}
          options={options.extensionOptions}
          noneLabel={t('contracts.none')}
          onChange={(uuid) => set('extensionOptionsUuid', uuid)}
        />
        <Field
          name="agreementPeriod.extensionOptionsUsed"
          label={f('extensionOptionsUsed')}
          inputMode="numeric"
          value={values.extensionOptionsUsed}
          error={errorOf('agreementPeriod.extensionOptionsUsed')}
          onChange={(e) => set('extensionOptionsUsed', e.target.value.trim())}
        />
        <Field
          name="agreementPeriod.irrevocableUntil"
          label={f('irrevocableUntil')}
          type="date"
          value={values.irrevocableUntil}
          error={errorOf('agreementPeriod.irrevocableUntil')}
          onChange={(e) => set('irrevocableUntil', e.target.value)}
        />
      </div>
      <div className="kitos-form-grid">
        <OptionSelect
          name="termination.terms.noticePeriodMonthsUuid"
          label={f('noticePeriodMonths')}
          value={values.noticePeriodMonthsUuid}
          error={errorOf('termination.terms.noticePeriodMonthsUuid')}
          options={options.noticePeriods}
          noneLabel={t('contracts.none')}
          onChange={(uuid) => set('noticePeriodMonthsUuid', uuid)}
        />
        <SelectField
          name="termination.terms.noticeByEndOf"
          label={f('noticeByEndOf')}
          value={values.noticeByEndOf}
          error={errorOf('termination.terms.noticeByEndOf')}
          onChange={(e) => set('noticeByEndOf', e.target.value as TermsValues['noticeByEndOf'])}
        >
          {(['', 'EndOfMonth', 'EndOfQuarter', 'EndOfCalendarYear'] as const).map((v) => (
            <option key={v} value={v}>
              {t(`contracts.noticeByEndOf.${v || 'none'}`)}
            </option>
          ))}
        </SelectField>
        <Field
          name="termination.terminatedAt"
          label={f('terminatedAt')}
          type="date"
          value={values.terminatedAt}
          error={errorOf('termination.terminatedAt')}
          onChange={(e) => set('terminatedAt', e.target.value)}
        />
      </div>
      <CheckboxField
        name="termination.terms.noticePeriodExtendsCurrent"
        label={f('noticePeriodExtendsCurrent')}
        checked={values.noticePeriodExtendsCurrent}
        onChange={(checked) => set('noticePeriodExtendsCurrent', checked)}
      />
      {deadlines && (
        <section aria-labelledby="contract-deadlines-heading">
          <h3 id="contract-deadlines-heading">{t('contracts.sections.deadlines')}</h3>
          <ContractDeadlines deadlines={deadlines} />
        </section>
      )}
    </fieldset>
  );
}

/** True when the terms break none of the rules shown at the fields (then they may be sent). */
export function termsAreValid(values: TermsValues): boolean {
  return Object.keys(validateTerms(values)).length === 0;
}
