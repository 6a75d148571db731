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
