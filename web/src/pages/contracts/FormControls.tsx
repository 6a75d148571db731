import type { ReactNode, SelectHTMLAttributes } from 'react';

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
