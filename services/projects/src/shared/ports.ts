/**
 * What the project service asks of data it does not own: identity's directory and the catalogue's option types, and
 * its local copies of usages and contracts. Every `require…` method throws `DomainError.badInput` with a field-level
 * error (the `field` it was given) when a reference is unknown or not allowed, so callers can collect them into one 400.
 */
export interface NamedRef {
  uuid: string;
  name: string;
}

export type { FieldRef } from '@kitos/common';
