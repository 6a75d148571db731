import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { fieldError } from '../../components/ProblemAlert';
import { bindDraft, BoundCheckbox, BoundChoice, BoundInput, BoundOption } from './BoundFields';
import { ContractDeadlines } from './ContractDeadlines';
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
  const form = bindDraft(
    values,
    onChange,
    (key) =>
      t(
        `contracts.fields.${key === 'extensionOptionsUuid' ? 'extensionOptions' : key === 'noticePeriodMonthsUuid' ? 'noticePeriodMonths' : key}`,
      ),
    (field) => (local[field] ? t(`contracts.validation.${local[field]}`) : fieldError(error, field)),
  );

  return (
    <fieldset className="kitos-fieldset">
      <legend className="h3">{t('contracts.sections.agreementPeriod')}</legend>
      <div className="kitos-form-grid">
        <BoundInput form={form} field="validFrom" path="general.validity.validFrom" type="date" />
        <BoundInput form={form} field="validTo" path="general.validity.validTo" type="date" />
        <BoundInput
          form={form}
          field="durationYears"
          path="agreementPeriod.durationYears"
          inputMode="numeric"
          trim
          disabled={values.isContinuous && !values.durationYears}
        />
        <BoundInput
          form={form}
          field="durationMonths"
          path="agreementPeriod.durationMonths"
          inputMode="numeric"
          trim
          disabled={values.isContinuous && !values.durationMonths}
        />
      </div>
      <BoundCheckbox form={form} field="isContinuous" path="agreementPeriod.isContinuous" />
      <div className="kitos-form-grid">
        <BoundOption
          form={form}
          field="extensionOptionsUuid"
          path="agreementPeriod.extensionOptionsUuid"
          options={options.extensionOptions}
          noneLabel={t('contracts.none')}
        />
        <BoundInput form={form} field="extensionOptionsUsed" path="agreementPeriod.extensionOptionsUsed" inputMode="numeric" trim />
        <BoundInput form={form} field="irrevocableUntil" path="agreementPeriod.irrevocableUntil" type="date" />
      </div>
      <div className="kitos-form-grid">
        <BoundOption
          form={form}
          field="noticePeriodMonthsUuid"
          path="termination.terms.noticePeriodMonthsUuid"
          options={options.noticePeriods}
          noneLabel={t('contracts.none')}
        />
        <BoundChoice
          form={form}
          field="noticeByEndOf"
          path="termination.terms.noticeByEndOf"
          choices={(['', 'EndOfMonth', 'EndOfQuarter', 'EndOfCalendarYear'] as const).map((v) => ({
            value: v,
            label: t(`contracts.noticeByEndOf.${v || 'none'}`),
          }))}
        />
        <BoundInput form={form} field="terminatedAt" path="termination.terminatedAt" type="date" />
      </div>
      <BoundCheckbox form={form} field="noticePeriodExtendsCurrent" path="termination.terms.noticePeriodExtendsCurrent" />
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
