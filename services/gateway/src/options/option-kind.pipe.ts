import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '@kitos/common';
import { OPTION_TYPE_KINDS, type OptionTypeKind } from '@kitos/contracts';

/** The `{kind}` of an administration path: one of the option types, otherwise 400 naming `kind`. */
@Injectable()
export class OptionKindPipe implements PipeTransform<string, OptionTypeKind> {
  transform(value: string): OptionTypeKind {
    if (!(OPTION_TYPE_KINDS as readonly string[]).includes(value)) {
      throw DomainError.badInput(`Unknown option type "${value}"`, [
        { field: 'kind', message: `kind must be one of ${OPTION_TYPE_KINDS.join(', ')}` },
      ]);
    }
    return value as OptionTypeKind;
  }
}
