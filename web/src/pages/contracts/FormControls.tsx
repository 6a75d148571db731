import type { ReactNode, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';

/** A labelled DKFDS select with its error next to it (the same shape as components/Field: id `field-<name>`). */
export function SelectField({
  name,
  label,
  error,
  children,
  ...select
}: { name: string; label: ReactNode; error?: string; children: ReactNode } & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = `field-${name}`;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <select
        className="form-select"
        id={id}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}

/** A DKFDS checkbox with its label and error. */
export function CheckboxField({
  name,
  label,
  error,
  checked,
  onChange,
  disabled,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
}) {
  const id = `field-${name}`;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <div className="form-group-checkbox">
        <input
          className="form-checkbox"
          type="checkbox"
          id={id}
          name={name}
          checked={checked}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}

/** Read-only label/value pairs of a section. */
export function Facts({ items }: { items: Array<[ReactNode, ReactNode]> }) {
  return (
    <dl className="kitos-facts">
      {items.map(([term, value], index) => (
        <div key={index} className="kitos-fact">
          <dt>{term}</dt>
          <dd>{value === '' || value == null ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A select of option values [KITOS options] with "none" first. */
export function OptionSelect({
  name,
  label,
  value,
  error,
  options,
  noneLabel,
  onChange,
  disabled,
}: {
  name: string;
  label: ReactNode;
  value: string;
  error?: string;
  options: ReadonlyArray<{ uuid: string; name: string | null }>;
  noneLabel: string;
  onChange: (uuid: string) => void;
  disabled?: boolean;
}) {
  return (
    <SelectField name={name} label={label} value={value} error={error} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      <option value="">{noneLabel}</option>
      {options.map((o) => (
        <option key={o.uuid} value={o.uuid}>
          {o.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The options to offer: those available now, plus the value already chosen when it is no longer available. */
export function withChosen<T extends { uuid: string; name: string | null }>(
  available: readonly T[] | undefined,
  chosen: { uuid: string; name: string | null } | null | undefined,
): Array<{ uuid: string; name: string | null }> {
  const list = available ?? [];
  return chosen && !list.some((o) => o.uuid === chosen.uuid) ? [chosen, ...list] : [...list];
}

/** The filter field above an overview grid. */
export function NameFilter({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="form-input" type="search" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

/** Previous/next paging over the API (which reports no total: a full page means there may be more). */
export function Pager({ page, rows, pageSize, onPage }: { page: number; rows: number; pageSize: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="kitos-pager" aria-label={t('contracts.page', { page: page + 1 })}>
      <button type="button" className="button button-secondary" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('contracts.previous')}
      </button>
      <span aria-live="polite">{t('contracts.page', { page: page + 1 })}</span>
      <button type="button" className="button button-secondary" disabled={rows < pageSize} onClick={() => onPage(page + 1)}>
        {t('contracts.next')}
      </button>
    </nav>
  );
}
