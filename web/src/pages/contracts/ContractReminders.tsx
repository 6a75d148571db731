import { Fragment, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError, ProblemAlert } from '../../components/ProblemAlert';
import { Spinner } from '../../components/Spinner';
import { formatters } from '../../i18n';
import type { Contract } from './data';
import { SelectField } from './FormControls';

type Reminder = Schemas['ReminderResponse'];
type ReminderType = Schemas['CreateReminderRequest']['type'];
type Repetition = Schemas['ReminderSchedule']['repetition'];
const REPETITIONS: Repetition[] = ['Day', 'Week', 'Month', 'Quarter', 'HalfYear', 'Year'];

interface ReminderDraft {
  type: ReminderType;
  name: string;
  subject: string;
  body: string;
  to: string;
  startDate: string;
  endDate: string;
  repetition: Repetition;
}

const emptyDraft: ReminderDraft = {
  type: 'Repeat',
  name: '',
  subject: '',
  body: '',
  to: '',
  startDate: '',
  endDate: '',
  repetition: 'Year',
};

function draftOf(r: Reminder): ReminderDraft {
  return {
    type: r.type,
    name: r.name ?? '',
    subject: r.subject,
    body: r.body,
    to: r.to.emails.join(', '),
    startDate: r.schedule?.startDate ?? '',
    endDate: r.schedule?.endDate ?? '',
    repetition: r.schedule?.repetition ?? 'Year',
  };
}

const emails = (text: string) =>
  text
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);

const ifMatch = (r: Reminder) => ({ 'If-Match': `"${r.version}"` });

/**
 * The contract's reminders [advis]: the list with the next sending; create, edit, deactivate and delete (with If-Match
 * on the reminder's version) for those who may, and each reminder's deliveries (sent, pending, undeliverable).
 */
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
  const [editing, setEditing] = useState<string | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const refresh = () => void queries.invalidateQueries({ queryKey: key });
  /** A reminder as the server answered a write: in the list at once (its new version is the next If-Match), then re-read. */
  const written = (saved: Reminder) => {
    queries.setQueryData<Reminder[]>(key, (list) => list?.map((r) => (r.uuid === saved.uuid ? saved : r)));
    refresh();
  };
  const act = useMutation({
    mutationFn: ({ reminder, action }: { reminder: Reminder; action: 'deactivate' | 'delete' }) =>
      action === 'deactivate'
        ? unwrap(api.PATCH('/api/v2/reminders/{uuid}/deactivate', { params: { path: { uuid: reminder.uuid }, header: ifMatch(reminder) } }))
        : unwrap(api.DELETE('/api/v2/reminders/{uuid}', { params: { path: { uuid: reminder.uuid }, header: ifMatch(reminder) } })),
    onSuccess: (saved) => {
      setDeleting(null);
      if (saved) written(saved as Reminder);
      else refresh();
    },
  });
  const create = useMutation({
    mutationFn: (d: ReminderDraft) =>
      unwrap(
        api.POST('/api/v2/reminders', {
          body: {
            relatedEntity: { type: 'ItContract', uuid: contract.uuid },
            type: d.type,
            name: d.name.trim() || undefined,
            subject: d.subject,
            body: d.body,
            to: { emails: emails(d.to) },
            schedule: d.type === 'Repeat' ? { startDate: d.startDate, endDate: d.endDate || null, repetition: d.repetition } : undefined,
          },
        }),
      ),
    onSuccess: refresh,
  });
  const r = (k: string) => t(`contracts.reminders.${k}`);
  const label = (reminder: Reminder) => reminder.name || reminder.subject;
  const columns = canEdit ? 6 : 5;

  return (
    <>
      <ProblemAlert error={act.error} onReload={refresh} />
      {reminders.isPending ? (
        <Spinner />
      ) : reminders.error ? (
        <ProblemAlert error={reminders.error} />
      ) : reminders.data.length === 0 ? (
        <p>{r('empty')}</p>
      ) : (
        <table className="table table--compact">
          <caption>{r('list')}</caption>
          <thead>
            <tr>
              <th scope="col">{r('name')}</th>
              <th scope="col">{r('type')}</th>
              <th scope="col">{r('next')}</th>
              <th scope="col">{r('active')}</th>
              <th scope="col">{r('deliveries')}</th>
              {canEdit && <th scope="col">{r('actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {reminders.data.map((reminder) => (
              <Fragment key={reminder.uuid}>
                <tr>
                  <td>{label(reminder)}</td>
                  <td>{t(`contracts.reminders.types.${reminder.type}`)}</td>
                  <td>{reminder.active ? format.dateTime(reminder.nextOccurrenceAt) : '—'}</td>
                  <td>{reminder.active ? t('common.yes') : t('common.no')}</td>
                  <td>
                    <button
                      type="button"
                      className="button button-tertiary"
                      aria-expanded={deliveriesOf === reminder.uuid}
                      onClick={() => setDeliveriesOf(deliveriesOf === reminder.uuid ? null : reminder.uuid)}
                    >
                      {t('contracts.reminders.showDeliveries', { name: label(reminder) })}
                    </button>
                  </td>
                  {canEdit && (
                    <td>
                      {!reminder.automatic && (
                        <button
                          type="button"
                          className="button button-tertiary"
                          aria-label={t('contracts.reminders.editNamed', { name: label(reminder) })}
                          onClick={() => setEditing(editing === reminder.uuid ? null : reminder.uuid)}
                        >
                          {t('common.edit')}
                        </button>
                      )}
                      {reminder.active && (
                        <button
                          type="button"
                          className="button button-tertiary"
                          aria-label={t('contracts.reminders.deactivateNamed', { name: label(reminder) })}
                          disabled={act.isPending}
                          onClick={() => act.mutate({ reminder, action: 'deactivate' })}
                        >
                          {r('deactivate')}
                        </button>
                      )}
                      {deleting === reminder.uuid ? (
                        <button
                          type="button"
                          className="button button-tertiary"
                          disabled={act.isPending}
                          onClick={() => act.mutate({ reminder, action: 'delete' })}
                        >
                          {t('contracts.reminders.confirmDelete', { name: label(reminder) })}
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button-tertiary"
                          aria-label={t('contracts.reminders.deleteNamed', { name: label(reminder) })}
                          onClick={() => setDeleting(reminder.uuid)}
                        >
                          {t('common.delete')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
                {deliveriesOf === reminder.uuid && (
                  <tr>
                    <td colSpan={columns}>
                      <ReminderDeliveries reminder={reminder} />
                    </td>
                  </tr>
                )}
                {editing === reminder.uuid && (
                  <tr>
                    <td colSpan={columns}>
                      <EditReminder reminder={reminder} onDone={() => setEditing(null)} onSaved={written} onReload={refresh} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && (
        <ReminderForm title={r('add')} submitLabel={r('add')} initial={emptyDraft} mutation={create} idPrefix="new" resetOnSuccess />
      )}
    </>
  );
}

function EditReminder({
  reminder,
  onDone,
  onSaved,
  onReload,
}: {
  reminder: Reminder;
  onDone: () => void;
  onSaved: (saved: Reminder) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const save = useMutation({
    mutationFn: (d: ReminderDraft) =>
      unwrap(
        api.PATCH('/api/v2/reminders/{uuid}', {
          params: { path: { uuid: reminder.uuid }, header: ifMatch(reminder) },
          body: {
            name: d.name.trim() || null,
            subject: d.subject,
            body: d.body,
            to: { emails: emails(d.to) },
            ...(reminder.type === 'Repeat'
              ? { schedule: { startDate: d.startDate, endDate: d.endDate || null, repetition: d.repetition } }
              : {}),
          },
        }),
      ),
    onSuccess: (saved) => {
      onSaved(saved);
      onDone();
    },
  });
  const name = reminder.name || reminder.subject;
  return (
    <ReminderForm
      title={t('contracts.reminders.editNamed', { name })}
      submitLabel={t('common.save')}
      initial={draftOf(reminder)}
      mutation={save}
      idPrefix={`edit-${reminder.uuid}`}
      fixedType
      onCancel={onDone}
      onReload={onReload}
    />
  );
}

/** The form of a reminder: type (when creating), name, subject, text, recipients and the schedule of a repeating one. */
function ReminderForm({
  title,
  submitLabel,
  initial,
  mutation,
  idPrefix,
  fixedType,
  resetOnSuccess,
  onCancel,
  onReload,
}: {
  title: string;
  submitLabel: string;
  initial: ReminderDraft;
  mutation: { mutate: (d: ReminderDraft, o?: { onSuccess?: () => void }) => void; isPending: boolean; error: unknown };
  idPrefix: string;
  fixedType?: boolean;
  resetOnSuccess?: boolean;
  onCancel?: () => void;
  onReload?: () => void;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState(initial);
  const set = (k: keyof ReminderDraft, v: string) => setForm({ ...form, [k]: v });
  const r = (k: string) => t(`contracts.reminders.${k}`);
  const error = mutation.error;
  // ids stay unique when the create form and an edit form are on the page together; the problem's field paths map onto them
  const id = (path: string) => `${idPrefix}.${path}`;
  const at = (path: string) => fieldError(error, path);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    mutation.mutate(form, { onSuccess: () => resetOnSuccess && setForm(initial) });
  };
  return (
    <form onSubmit={submit} noValidate aria-busy={mutation.isPending} aria-label={title}>
      <h3>{title}</h3>
      <ProblemAlert error={error} onReload={onReload} />
      {!fixedType && (
        <SelectField name={id('type')} label={r('type')} value={form.type} onChange={(e) => set('type', e.target.value)}>
          {(['Repeat', 'Immediate'] as const).map((type) => (
            <option key={type} value={type}>
              {t(`contracts.reminders.types.${type}`)}
            </option>
          ))}
        </SelectField>
      )}
      <Field name={id('name')} label={r('name')} value={form.name} error={at('name')} onChange={(e) => set('name', e.target.value)} />
      <Field
        name={id('subject')}
        label={r('subject')}
        value={form.subject}
        error={at('subject')}
        onChange={(e) => set('subject', e.target.value)}
      />
      <Field name={id('body')} label={r('body')} value={form.body} error={at('body')} onChange={(e) => set('body', e.target.value)} />
      <Field
        name={id('to.emails')}
        label={r('to')}
        value={form.to}
        error={at('to.emails') ?? at('to')}
        onChange={(e) => set('to', e.target.value)}
      />
      {form.type === 'Repeat' && (
        <div className="kitos-form-grid">
          <Field
            name={id('schedule.startDate')}
            label={r('startDate')}
            type="date"
            value={form.startDate}
            error={at('schedule.startDate') ?? at('schedule')}
            onChange={(e) => set('startDate', e.target.value)}
          />
          <Field
            name={id('schedule.endDate')}
            label={r('endDate')}
            type="date"
            value={form.endDate}
            error={at('schedule.endDate')}
            onChange={(e) => set('endDate', e.target.value)}
          />
          <SelectField
            name={id('schedule.repetition')}
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
      <div className="kitos-actions">
        <button type="submit" className="button button-secondary" disabled={mutation.isPending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-tertiary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

/** What a reminder sent (or will send, or could not): one row per occurrence and attempt. */
function ReminderDeliveries({ reminder }: { reminder: Reminder }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const deliveries = useQuery({
    queryKey: ['reminder-deliveries', reminder.uuid, reminder.version],
    queryFn: () => unwrap(api.GET('/api/v2/reminders/{uuid}/deliveries', { params: { path: { uuid: reminder.uuid } } })),
  });
  const r = (k: string) => t(`contracts.reminders.${k}`);
  if (deliveries.isPending) return <Spinner />;
  if (deliveries.error) return <ProblemAlert error={deliveries.error} />;
  if (deliveries.data.length === 0) return <p>{r('noDeliveries')}</p>;
  return (
    <table className="table table--compact">
      <caption>{t('contracts.reminders.deliveriesOf', { name: reminder.name || reminder.subject })}</caption>
      <thead>
        <tr>
          <th scope="col">{r('dueAt')}</th>
          <th scope="col">{r('status')}</th>
          <th scope="col">{r('sentAt')}</th>
          <th scope="col">{r('recipients')}</th>
        </tr>
      </thead>
      <tbody>
        {deliveries.data.map((d) => (
          <tr key={`${d.occurrence}:${d.attempt}`}>
            <td>{format.dateTime(d.dueAt)}</td>
            <td>
              {t(`contracts.reminders.statuses.${d.status}`)}
              {d.late ? ` (${r('late')})` : ''}
              {d.error ? `: ${d.error}` : ''}
            </td>
            <td>{format.dateTime(d.sentAt)}</td>
            <td>{d.to.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
