import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SavedNotice } from '../../components/SavedNotice';

/**
 * A form of the project page: named (a form landmark), its problem shown above the fields (a 412 with "Hent nyeste",
 * which reads the project again), the server's field messages next to the fields (the caller passes `fieldError`), and
 * a polite notice when the write went through.
 */
export function ProjectForm({
  label,
  mutation,
  onSubmit,
  submitLabel = label,
  added = true,
  heading = true,
  reload,
  onCancel,
  children,
}: {
  label: string;
  mutation: { error: unknown; isPending: boolean; isSuccess: boolean; reset: () => void };
  onSubmit: () => void;
  /** The button's text (default: the form's label, as in "Tilføj risiko"). */
  submitLabel?: string;
  /** Said when the write went through (default "Tilføjet."); `added: false` says "Gemt.". */
  added?: boolean;
  /** Show the label as the form's heading (h3). */
  heading?: boolean;
  reload: () => void;
  /** An edit form closes with "Annuller" without saving. */
  onCancel?: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="project-form" aria-label={label} onSubmit={submit} noValidate aria-busy={mutation.isPending}>
      <ProblemAlert
        error={mutation.error}
        onReload={() => {
          mutation.reset();
          reload();
        }}
      />
      {heading && <h3>{label}</h3>}
      {children}
      <div className="project-actions">
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      <SavedNotice show={mutation.isSuccess} message={added ? t('projects.added') : t('projects.saved')} />
    </form>
  );
}

/** Name/value pairs of a section someone may read but not change. */
export function Facts({ items }: { items: ReadonlyArray<[string, ReactNode]> }) {
  return (
    <dl className="project-facts">
      {items.map(([term, value]) => (
        <div key={term} className="project-fact">
          <dt>{term}</dt>
          <dd>{value === null || value === undefined || value === '' ? '–' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="project-section" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

/** '' → null, else the trimmed text (optional text fields). */
export const textOrNull = (value: string) => value.trim() || null;
/** '' → null, else the number (optional numeric fields; NaN goes to the server, which names the field). */
export const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value.replace(',', '.')));
/** Kroner typed by the user → integer øre. */
export const oreOf = (value: string) => Math.round((numberOrNull(value) ?? 0) * 100);
