import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import type { Contract } from './data';
import { SelectField } from './FormControls';

type ReminderType = Schemas['CreateReminderRequest']['type'];
type Repetition = Schemas['ReminderSchedule']['repetition'];
const REPETITIONS: Repetition[] = ['Day', 'Week', 'Month', 'Quarter', 'HalfYear', 'Year'];

/** The contract's reminders [advis]: the list with the next sending, and a form to create one. */
export function ContractReminders({ contract, canEdit }: { contract: Contract; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const queries = useQueryClient();
  const key = ['reminders', contract.uuid];
  const reminders = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(
        api.GET('/api/v2/reminders', {
          params: { query: { relatedEntityType: 'ItContract', relatedEntityUuid: contract.uuid, includeInactive: true } },
        }),
      ),
  });
  const [form, setForm] = useState({
    type: 'Repeat' as ReminderType,
    name: '',
    subject: '',
    body: '',
    to: '',
    startDate: '',
    repetition: 'Year' as Repetition,
  });
  const set = (k: keyof typeof form, v: string) => setForm({ ...form, [k]: v });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v2/reminders', {
          body: {
            relatedEntity: { type: 'ItContract', uuid: contract.uuid },
            type: form.type,
            name: form.name.trim() || undefined,
            subject: form.subject,
            body: form.body,
            to: {
              emails: form.to
                .split(',')
                .map((e) => e.trim())
                .filter(Boolean),
            },
            schedule: form.type === 'Repeat' ? { startDate: form.startDate, repetition: form.repetition } : undefined,
          },
        }),
      ),
    onSuccess: () => {
      setForm({ ...form, name: '', subject: '', body: '', to: '', startDate: '' });
      void queries.invalidateQueries({ queryKey: key });
    },
  });
  const r = (k: string) => t(`contracts.reminders.${k}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };

  return (
    <>
      {reminders.isPending ? (
        <Spinner />
      ) : reminders.error ? (
        <ProblemAlert error={reminders.error} />
      ) : reminders.data.length === 0 ? (
        <p>{r('empty')}</p>
      ) : (
        <table className="table table--compact">
          <thead>
            <tr>
              <th scope="col">{r('name')}</th>
              <th scope="col">{r('type')}</th>
              <th scope="col">{r('next')}</th>
              <th scope="col">{r('active')}</th>
            </tr>
          </thead>
          <tbody>
            {reminders.data.map((reminder) => (
              <tr key={reminder.uuid}>
                <td>{reminder.name || reminder.subject}</td>
                <td>{t(`contracts.reminders.types.${reminder.type}`)}</td>
                <td>{format.dateTime(reminder.nextOccurrenceAt)}</td>
                <td>{reminder.active ? t('common.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate aria-busy={create.isPending} aria-label={r('add')}>
          <h3>{r('add')}</h3>
          <ProblemAlert error={create.error} />
          <SelectField name="type" label={r('type')} value={form.type} onChange={(e) => set('type', e.target.value)}>
            {(['Repeat', 'Immediate'] as const).map((type) => (
              <option key={type} value={type}>
                {t(`contracts.reminders.types.${type}`)}
              </option>
            ))}
          </SelectField>
          <Field
            name="name"
            label={r('name')}
            value={form.name}
            error={fieldError(create.error, 'name')}
            onChange={(e) => set('name', e.target.value)}
          />
          <Field
            name="subject"
            label={r('subject')}
            value={form.subject}
            error={fieldError(create.error, 'subject')}
            onChange={(e) => set('subject', e.target.value)}
          />
          <Field
            name="body"
            label={r('body')}
            value={form.body}
            error={fieldError(create.error, 'body')}
            onChange={(e) => set('body', e.target.value)}
          />
          <Field
            name="to.emails"
            label={r('to')}
            value={form.to}
            error={fieldError(create.error, 'to.emails') ?? fieldError(create.error, 'to')}
            onChange={(e) => set('to', e.target.value)}
          />
          {form.type === 'Repeat' && (
            <div className="kitos-form-grid">
              <Field
                name="schedule.startDate"
                label={r('startDate')}
                type="date"
                value={form.startDate}
                error={fieldError(create.error, 'schedule.startDate') ?? fieldError(create.error, 'schedule')}
                onChange={(e) => set('startDate', e.target.value)}
              />
              <SelectField
                name="schedule.repetition"
                label={r('repetition')}
                value={form.repetition}
                onChange={(e) => set('repetition', e.target.value)}
              >
                {REPETITIONS.map((rep) => (
                  <option key={rep} value={rep}>
                    {t(`contracts.reminders.repetitions.${rep}`)}
                  </option>
                ))}
              </SelectField>
            </div>
          )}
          <button type="submit" className="button button-secondary" disabled={create.isPending}>
            {r('add')}
          </button>
        </form>
      )}
    </>
  );
}
