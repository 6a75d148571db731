import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * An error as the user should see it: what went wrong, which fields to correct (each links to its input, whose id is
 * `field-<path>`), and the correlation id to quote. A 412 explains that someone else changed the object first.
 */
export function ProblemAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : undefined;
  const message = apiError?.isConflict
    ? t('errors.conflict')
    : apiError?.status === 403
      ? t('errors.forbidden')
      : apiError
        ? (apiError.problem.detail ?? apiError.problem.title)
        : error instanceof TypeError
          ? t('errors.network')
          : String((error as Error)?.message ?? error);
  const fields = apiError?.problem.errors ?? [];
  const correlationId = apiError?.problem.correlationId;
  return (
    <div className="alert alert-error" role="alert" aria-live="assertive">
      <div className="alert-body">
        <p className="alert-heading">{t('errors.title')}</p>
        <p className="alert-text">{message}</p>
        {fields.length > 0 && (
          <>
            <p className="alert-text">{t('errors.fieldsHeading')}</p>
            <ul className="nobullet-list">
              {fields.map((f) => (
                <li key={`${f.field}:${f.message}`}>
                  <a href={`#field-${f.field}`}>{f.message}</a>
                </li>
              ))}
            </ul>
          </>
        )}
        {apiError?.isConflict && onReload && (
          <button type="button" className="button button-secondary" onClick={onReload}>
            {t('common.reload')}
          </button>
        )}
        {correlationId && <p className="alert-text small-text">{t('errors.correlation', { id: correlationId })}</p>}
      </div>
    </div>
  );
}

/** The message the server gave for one field, to show next to its input. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.problem.errors?.find((e) => e.field === field)?.message : undefined;
}
