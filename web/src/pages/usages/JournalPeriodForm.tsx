import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { FormButtons } from '../../components/FormButtons';
import { SelectField } from '../../components/FormFields';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';

type Period = Schemas['JournalPeriodResponse'];
export type PeriodWrite = Schemas['JournalPeriodWriteRequest'];

export const PERIOD_STATUSES = ['Planned', 'Delivered', 'Approved'] as const;
const ARCHIVE_ID_MAX = 100;

function valuesOf(period?: Period) {
  return {
    archiveId: period?.archiveId ?? '',
    startDate: period?.startDate ?? '',
    endDate: period?.endDate ?? '',
    status: (period?.status ?? 'Planned') as (typeof PERIOD_STATUSES)[number],
    approvalDate: period?.approvalDate ?? '',
  };
}
type Values = ReturnType<typeof valuesOf>;

/**
 * The API's rules for a journal period, as i18n keys per field: an archive id (≤ 100), both days, the end not before the
 * start (an approval date is sent only with an approved period). (Overlap with other periods is the server's to judge.)
 */
export function periodProblems(v: Values): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  if (!v.archiveId.trim()) problems.archiveId = 'usages.validation.required';
  else if (v.archiveId.length > ARCHIVE_ID_MAX) problems.archiveId = 'usages.validation.tooLong';
  if (!v.startDate) problems.startDate = 'usages.validation.required';
  if (!v.endDate) problems.endDate = 'usages.validation.required';
  else if (v.startDate && v.endDate < v.startDate) problems.endDate = 'usages.validation.endBeforeStart';
  return problems;
}

/** Adds or edits one journal period [Journalperiode]; checked before it is sent, the server's problems at their fields. */
export function JournalPeriodForm({
  period,
  saving,
  error,
  onSave,
  onCancel,
  onReload,
}: {
  period?: Period;
  saving?: boolean;
  error?: unknown;
  onSave: (body: PeriodWrite) => void;
  onCancel: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const [values, setValues] = useState(() => valuesOf(period));
  const [checked, setChecked] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));
  const problems = checked ? periodProblems(values) : {};
  const err = (key: keyof Values) => (problems[key] ? t(problems[key], { max: ARCHIVE_ID_MAX }) : fieldError(error, key));
  const label = (key: string) => t(`usages.archiving.${key}`);
  const required = (key: string) => `${label(key)} (${t('usages.validation.requiredMark')})`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (Object.keys(periodProblems(values)).length > 0) return;
    onSave({
      archiveId: values.archiveId.trim(),
      startDate: values.startDate,
      endDate: values.endDate,
      status: values.status,
      approvalDate: values.status === 'Approved' ? values.approvalDate || null : null,
    });
  };
  const heading = period ? t('usages.archiving.editPeriod', { id: period.archiveId }) : label('newPeriod');
  return (
    <form onSubmit={submit} noValidate aria-label={heading} className="usage-subform">
      <h4>{heading}</h4>
      <ProblemAlert error={error} onReload={onReload} />
      <Field
        name="archiveId"
        label={required('archiveId')}
        maxLength={ARCHIVE_ID_MAX}
        required
        value={values.archiveId}
        onChange={(e) => set('archiveId', e.target.value)}
        error={err('archiveId')}
      />
      <Field
        name="startDate"
        type="date"
        label={required('startDate')}
        required
        value={values.startDate}
        onChange={(e) => set('startDate', e.target.value)}
        error={err('startDate')}
      />
      <Field
        name="endDate"
        type="date"
        label={required('endDate')}
        required
        value={values.endDate}
        onChange={(e) => set('endDate', e.target.value)}
        error={err('endDate')}
      />
      <SelectField
        name="status"
        label={label('status')}
        options={PERIOD_STATUSES.map((s) => ({ value: s, label: t(`usages.archiving.statuses.${s}`) }))}
        value={values.status}
        onChange={(e) => set('status', e.target.value as Values['status'])}
        error={err('status')}
      />
      {values.status === 'Approved' && (
        <Field
          name="approvalDate"
          type="date"
          label={label('approvalDate')}
          value={values.approvalDate}
          onChange={(e) => set('approvalDate', e.target.value)}
          error={err('approvalDate')}
        />
      )}
      <FormButtons saving={saving} onCancel={onCancel} />
    </form>
  );
}
