import { Allow, IsString } from 'class-validator';

/** One changed field of an aggregate: `field` is a dotted path; values are JSON. */
export class FieldChange {
  @IsString()
  field!: string;

  /** Any JSON; `@Allow` keeps it through the whitelisting validation of consumers. */
  @Allow()
  oldValue!: unknown;

  @Allow()
  newValue!: unknown;
}

/** The fields (all of `after`'s by default) whose values differ between two records, compared as JSON. */
export function changedFields(
  before: Readonly<Record<string, unknown>>,
  after: Readonly<Record<string, unknown>>,
  fields: readonly string[] = Object.keys(after),
): FieldChange[] {
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, oldValue: before[field], newValue: after[field] }));
}
