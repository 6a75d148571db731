import { Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError, ErrorCode } from '@kitos/common';

const IDP_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

/** The `{idp}` path segment: an identity provider id is URL-safe; anything else cannot name one (404). */
@Injectable()
export class IdpParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!IDP_ID.test(value)) throw new DomainError(ErrorCode.NotFound, 'There is no such SAML identity provider');
    return value;
  }
}
