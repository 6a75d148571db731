import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from '../../components/Field';
import { CheckboxField, OptionSelect, SelectField } from './FormControls';

/**
 * A form's draft as its fields see it: the values, how to change one, each field's label, and the error to show at a
 * field by its API path (a local rule first, else the server's problem). One binding serves all the fields of a form,
 * so that each field is one line: `<BoundInput form={form} field="validFrom" path="general.validity.validFrom" />`.
 */
export interface DraftBinding<T> {
  values: T;
  set: <K extends keyof T>(key: K, value: T[K]) => void;
  label: (key: keyof T & string) => ReactNode;
  errorOf: (path: string) => string | undefined;
  /** The user may not change the object: every field is shown, none can be changed. */
  readOnly?: boolean;
}

type KeysOf<T, V> = { [K in keyof T]: T[K] extends V ? K : never }[keyof T] & string;

export function bindDraft<T>(
  values: T,
  onChange: (next: T) => void,
  label: (key: keyof T & string) => ReactNode,
  errorOf: (path: string) => string | undefined,
  readOnly = false,
): DraftBinding<T> {
  return { values, set: (key, value) => onChange({ ...values, [key]: value }), label, errorOf, readOnly };
}

/** A text, date or number input bound to one string field of the draft. `trim` drops spaces as the user types (numbers). */
export function BoundInput<T>({
  form,
  field,
  path,
  trim,
  disabled,
  ...input
}: { form: DraftBinding<T>; field: KeysOf<T, string>; path: string; trim?: boolean } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'name' | 'form'
>) {
  return (
    <Field
      name={path}
      label={form.label(field)}
      value={form.values[field] as string}
      error={form.errorOf(path)}
      disabled={disabled || form.readOnly}
      onChange={(e) => form.set(field, (trim ? e.target.value.trim() : e.target.value) as T[typeof field])}
      {...input}
    />
  );
}

/** A select of option values [KITOS options] bound to one uuid field of the draft ('' = none). */
export function BoundOption<T>({
  form,
  field,
  path,
  options,
  noneLabel,
}: {
  form: DraftBinding<T>;
  field: KeysOf<T, string>;
  path: string;
  options: ReadonlyArray<{ uuid: string; name: string | null }>;
  noneLabel: string;
}) {
  return (
    <OptionSelect
      name={path}
      label={form.label(field)}
      value={form.values[field] as string}
      error={form.errorOf(path)}
      options={options}
      noneLabel={noneLabel}
      disabled={form.readOnly}
      onChange={(uuid) => form.set(field, uuid as T[typeof field])}
    />
  );
}

/** A select of fixed choices (an API enum) bound to one field of the draft. */
export function BoundChoice<T>({
  form,
  field,
  path,
  choices,
}: {
  form: DraftBinding<T>;
  field: KeysOf<T, string>;
  path: string;
  choices: ReadonlyArray<{ value: string; label: string }>;
}) {
  return (
    <SelectField
      name={path}
      label={form.label(field)}
      value={form.values[field] as string}
      error={form.errorOf(path)}
      disabled={form.readOnly}
      onChange={(e) => form.set(field, e.target.value as T[typeof field])}
    >
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </SelectField>
  );
}

/** A checkbox bound to one boolean field of the draft. */
export function BoundCheckbox<T>({ form, field, path }: { form: DraftBinding<T>; field: KeysOf<T, boolean>; path: string }) {
  return (
    <CheckboxField
      name={path}
      label={form.label(field)}
      checked={form.values[field] as boolean}
      error={form.errorOf(path)}
      disabled={form.readOnly}
      onChange={(checked) => form.set(field, checked as T[typeof field])}
    />
  );
}
