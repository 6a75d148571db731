import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { Field } from '../../components/Field';
import { fieldError } from '../../components/ProblemAlert';
import { formatters } from '../../i18n';
import { DeadlineDate } from '../contracts/ContractDeadlines';

type OversightDate = Schemas['OversightDateResponse'];
export type OversightDateWrite = { completedAt: string; remark: string | null };

/**
 * The completed oversights [Gennemførte tilsyn] with the next oversight due, each date editable and removable, and a
 * form to add one. A date is required; the server's problems appear at the fields. Dates can only be added while
 * "oversight completed" is Yes (the API's rule), which the form says instead of offering to add.
 */
export function OversightDates({
  dates,
  nextOversightDate,
  completed,
  canEdit,
  busy,
  error,
  onAdd,
  onUpdate,
  onDelete,
}: {
  dates: readonly OversightDate[];
  nextOversightDate: string | null;
  completed: boolean;
  canEdit: boolean;
  busy?: boolean;
  error?: unknown;
  onAdd: (date: OversightDateWrite) => void;
  onUpdate: (uuid: string, date: OversightDateWrite) => void;
  onDelete: (uuid: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const f = (k: string) => t(`dpr.fields.${k}`);
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <p className="kitos-next-oversight">
        <strong>{f('nextOversight')}:</strong> {nextOversightDate ? <DeadlineDate day={nextOversightDate} /> : t('dpr.noNextOversight')}
      </p>
      <h3 id="oversight-dates-heading">{f('oversightDates')}</h3>
      {dates.length === 0 ? (
        <p>{t('dpr.noOversights')}</p>
      ) : (
        <table className="table table--compact" aria-labelledby="oversight-dates-heading">
          <thead>
            <tr>
              <th scope="col">{f('completedAt')}</th>
              <th scope="col">{f('remark')}</th>
              {canEdit && <th scope="col">{t('dpr.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {dates.map((d) =>
              editing === d.uuid ? (
                <tr key={d.uuid}>
                  <td colSpan={canEdit ? 3 : 2}>
                    <OversightDateForm
                      idPrefix={`edit-${d.uuid}`}
                      title={t('dpr.editOversight', { date: format.date(d.completedAt) })}
                      submitLabel={t('common.save')}
                      initial={{ completedAt: d.completedAt, remark: d.remark }}
                      busy={busy}
                      error={error}
                      onSubmit={(date) => {
                        onUpdate(d.uuid, date);
                        setEditing(null);
                      }}
                      onCancel={() => setEditing(null)}
                    />
                  </td>
                </tr>
              ) : (
                <tr key={d.uuid}>
                  <td>
                    <time dateTime={d.completedAt}>{format.date(d.completedAt)}</time>
                  </td>
                  <td>{d.remark}</td>
                  {canEdit && (
                    <td>
                      <button
                        type="button"
                        className="button button-tertiary"
                        aria-label={t('dpr.editOversight', { date: format.date(d.completedAt) })}
                        onClick={() => setEditing(d.uuid)}
                      >
                        {t('common.edit')}
                      </button>
                      <button
                        type="button"
                        className="button button-tertiary"
                        disabled={busy}
                        aria-label={t('dpr.deleteOversight', { date: format.date(d.completedAt) })}
                        onClick={() => onDelete(d.uuid)}
                      >
                        {t('common.delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      {canEdit &&
        (completed ? (
          <OversightDateForm
            idPrefix="new"
            title={t('dpr.addOversight')}
            submitLabel={t('dpr.addOversight')}
            initial={{ completedAt: '', remark: null }}
            busy={busy}
            error={editing ? undefined : error}
            resetOnSubmit
            onSubmit={onAdd}
          />
        ) : (
          <p className="form-hint">{t('dpr.completeFirst')}</p>
        ))}
    </>
  );
}

function OversightDateForm({
  idPrefix,
  title,
  submitLabel,
  initial,
  busy,
  error,
  resetOnSubmit,
  onSubmit,
  onCancel,
}: {
  idPrefix: string;
  title: string;
  submitLabel: string;
  initial: OversightDateWrite;
  busy?: boolean;
  error?: unknown;
  resetOnSubmit?: boolean;
  onSubmit: (date: OversightDateWrite) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [completedAt, setCompletedAt] = useState(initial.completedAt);
  const [remark, setRemark] = useState(initial.remark ?? '');
  const [tried, setTried] = useState(false);
  const missing = tried && !completedAt ? t('dpr.dateRequired') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (!completedAt) return;
    onSubmit({ completedAt, remark: remark.trim() || null });
    if (resetOnSubmit) {
      setCompletedAt('');
      setRemark('');
      setTried(false);
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-label={title} aria-busy={busy}>
      <h4>{title}</h4>
      <div className="kitos-form-grid">
        <Field
          name={`${idPrefix}.completedAt`}
          label={t('dpr.fields.completedAt')}
          type="date"
          required
          value={completedAt}
          error={missing ?? fieldError(error, 'completedAt')}
          onChange={(e) => setCompletedAt(e.target.value)}
        />
        <Field
          name={`${idPrefix}.remark`}
          label={t('dpr.fields.remark')}
          value={remark}
          maxLength={20000}
          error={fieldError(error, 'remark')}
          onChange={(e) => setRemark(e.target.value)}
        />
      </div>
      <div className="kitos-actions">
        <button type="submit" className="button button-secondary" disabled={busy}>
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
