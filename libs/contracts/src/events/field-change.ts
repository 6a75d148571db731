import { IsString } from 'class-validator';

/** One changed field of an aggregate: `field` is a dotted path; values are JSON. */
export class FieldChange {
  @IsString()
  field!: string;

  oldValue!: unknown;

  newValue!: unknown;
}
