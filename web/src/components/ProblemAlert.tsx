import { useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';

/**
 * The input of a problem's field: `field-<path>`, or where a form prefixes its ids (`field-<prefix>.<path>`, so that
 * a create form and an edit form can be on one page: reminders, oversight dates, a project's parts) the one in the
 * alert's own form, else the one on the page that shows the error (marked invalid).
 */
function inputOf(alert: HTMLElement, field: string): HTMLElement | undefined {
  const prefixed = (scope: ParentNode, invalidOnly: boolean) =>
    Array.from(scope.querySelectorAll<HTMLElement>('[id^="field-"]')).find(
      (el) => el.id.endsWith(`.${field}`) && (!invalidOnly || el.getAttribute('aria-invalid') === 'true'),
    );
  const form = alert.closest('form');
  const exact = document.getElementById(`field-${field}`);
  if (form) {
    if (exact && form.contains(exact)) return exact;
    const inForm = prefixed(form, false);
    if (inForm) return inForm;
  }
  return exact ?? prefixed(document, true);
}

/** Moves to a field's input and focuses it (a group's first control), as a link to a fragment alone does not. */
function focusInput(event: MouseEvent<HTMLAnchorElement>, id: string) {
  const target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  const control = target.matches('input, select, textarea, button')
    ? target
    : (target.querySelector<HTMLElement>('input, select, textarea, button') ?? target);
  control.scrollIntoView?.({ block: 'center' });
  control.focus();
}

/**
 * An error as the user should see it: what went wrong, which fields to correct (each links to its input, whose id is
 * `field-<path>` or, in a form that prefixes its ids, `field-<prefix>.<path>`; the link focuses it), and the
 * correlation id to quote. A 412 explains that someone else changed the object first.
 */
export function ProblemAlert({ error, onReload }: { error: unknown; onReload?: () => void }) {
  const { t } = useTranslation();
  const alert = useRef<HTMLDivElement>(null);
  const [inputIds, setInputIds] = useState<Record<string, string>>({});
  const problemFields = error instanceof ApiError ? error.problem.errors : undefined;
  // the inputs are on the page by now (the fields show their messages in the same render)
  useLayoutEffect(() => {
    const found: Record<string, string> = {};
    for (const { field } of problemFields ?? []) {
      const input = alert.current && inputOf(alert.current, field);
      if (input) found[field] = input.id;
    }
    setInputIds(found);
  }, [problemFields]);
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
    <div className="alert alert-error" role="alert" aria-live="assertive" ref={alert}>
      <div className="alert-body">
        <p className="alert-heading">{t('errors.title')}</p>
        <p className="alert-text">{message}</p>
        {fields.length > 0 && (
          <>
            <p className="alert-text">{t('errors.fieldsHeading')}</p>
            <ul className="nobullet-list">
              {fields.map((f) => (
                <li key={`${f.field}:${f.message}`}>
                  <a
                    href={`#${inputIds[f.field] ?? `field-${f.field}`}`}
                    onClick={(event) => focusInput(event, inputIds[f.field] ?? `field-${f.field}`)}
                  >
                    {f.message}
                  </a>
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
