import { DomainError, ErrorCode } from '@kitos/common';
import { IdpParamPipe } from './idp-param.pipe';

describe('IdpParamPipe', () => {
  const sut = new IdpParamPipe();

  it.each(['kombit', 'aarhus-adfs', 'IdP_2'])('passes the id %s', (id) => {
    expect(sut.transform(id)).toBe(id);
  });

  it.each(['', '-x', 'a b', 'a/b', '..', 'x'.repeat(64)])('answers 404 for %p, which cannot name an identity provider', (id) => {
    expect(() => sut.transform(id)).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }) as DomainError);
  });
});
