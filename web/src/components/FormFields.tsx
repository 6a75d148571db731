import type { ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { describedBy, FieldFrame as Frame } from './Field';

/** A labelled DKFDS select with its server error tied to it (like Field for inputs). */
export function SelectField({
  name,
  label,
  error,
  hint,
  options,
  placeholder,
  ...select
}: {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  options: ReadonlyArray<{ value: string; label: string }>;
  /** The first, empty choice (the value ''). */
  placeholder?: string;
} & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Frame name={name} label={label} error={error} hint={hint}>
      <select
        className="form-select"
        id={`field-${name}`}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** A labelled DKFDS textarea with its server error tied to it. */
export function TextAreaField({
  name,
  label,
  error,
  hint,
  ...textarea
}: { name: string; label: ReactNode; error?: string; hint?: ReactNode } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Frame name={name} label={label} error={error} hint={hint}>
      <textarea
        className="form-input"
        id={`field-${name}`}
        name={name}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, error, hint)}
        {...textarea}
      />
    </Frame>
  );
}

/** A group of checkboxes for a list of enum values (fieldset with legend), its server error next to the legend. */
export function CheckboxGroup({
  name,
  legend,
  error,
  options,
  value,
  onChange,
  disabled,
}: {
  name: string;
  legend: ReactNode;
  error?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  value: readonly string[];
  onChange: (next: string[]) => void;
  disabled?: boolean;
}) {
  const id = `field-${name}`;
  return (
    <fieldset className={`form-group${error ? ' form-error' : ''}`} id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">{legend}</legend>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      <ul className="nobullet-list">
        {options.map((o) => (
          <li key={o.value} className="form-group-checkbox">
            <input
              id={`${id}-${o.value}`}
              className="form-checkbox"
              type="checkbox"
              disabled={disabled}
              checked={value.includes(o.value)}
              onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((v) => v !== o.value))}
            />
            <label htmlFor={`${id}-${o.value}`}>{o.label}</label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
