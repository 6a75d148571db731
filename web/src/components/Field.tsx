import type { InputHTMLAttributes, ReactNode } from 'react';

/**
 * A labelled DKFDS form field with its error next to it (WCAG: the error is tied to the input by aria-describedby and
 * the input is marked invalid). `name` is the API's field path; the input's id is `field-<name>` so that a problem
 * summary can link to it.
 */
export function Field({
  name,
  label,
  error,
  hint,
  children,
  ...input
}: { name: string; label: ReactNode; error?: string; hint?: ReactNode; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  const describedBy = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          {error}
        </span>
      )}
      {children ?? (
        <input
          className="form-input"
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          {...input}
        />
      )}
    </div>
  );
}
