import type { InputHTMLAttributes, ReactNode } from 'react';

/** ids of a field's hint and error (`field-<name>-hint`, `field-<name>-error`), for its input's aria-describedby. */
export function describedBy(name: string, error?: string, hint?: ReactNode): string | undefined {
  const id = `field-${name}`;
  return [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ') || undefined;
}

/** The DKFDS form-group around one control whose id is `field-<name>`: label, hint and the error next to it. */
export function FieldFrame({
  name,
  label,
  error,
  hint,
  children,
}: {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  const id = `field-${name}`;
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
      {children}
    </div>
  );
}

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
  return (
    <FieldFrame name={name} label={label} error={error} hint={hint}>
      {children ?? (
        <input
          className="form-input"
          id={`field-${name}`}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(name, error, hint)}
          {...input}
        />
      )}
    </FieldFrame>
  );
}
