import { DomainError } from '@kitos/common';
import { parseScimFilter } from './scim-filter';

const USER = ['userName', 'externalId', 'displayName'];

function refusal(filter: string): DomainError {
  try {
    parseScimFilter(filter, USER);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error(`"${filter}" was accepted`);
}

describe('parseScimFilter', () => {
  it('reads one eq comparison with a quoted string', () => {
    expect(parseScimFilter('userName eq "anna@kommune.dk"', USER)).toEqual([{ attribute: 'userName', value: 'anna@kommune.dk' }]);
  });

  it('matches attribute names and the operator case-insensitively and drops the core schema prefix', () => {
    expect(parseScimFilter('urn:ietf:params:scim:schemas:core:2.0:User:USERNAME EQ "a"', USER)).toEqual([
      { attribute: 'userName', value: 'a' },
    ]);
  });

  it('joins comparisons with and', () => {
    expect(parseScimFilter('externalId eq "e-1" and displayName eq "Anna Berg"', USER)).toEqual([
      { attribute: 'externalId', value: 'e-1' },
      { attribute: 'displayName', value: 'Anna Berg' },
    ]);
  });

  it('reads JSON escapes in strings and the literals true, false and null', () => {
    expect(parseScimFilter('displayName eq "say \\"hej\\" \\u00e6"', USER)).toEqual([{ attribute: 'displayName', value: 'say "hej" æ' }]);
    expect(parseScimFilter('externalId eq null', USER)).toEqual([{ attribute: 'externalId', value: null }]);
  });

  it.each([
    ['another operator', 'userName co "a"'],
    ['or', 'userName eq "a" or userName eq "b"'],
    ['not and grouping', 'not (userName eq "a")'],
    ['a value path', 'emails[type eq "work"]'],
    ['an unknown attribute', 'title eq "x"'],
    ['an unquoted word as value', 'userName eq anna'],
    ['an unclosed string', 'userName eq "anna'],
    ['a missing value', 'userName eq'],
    ['a trailing word', 'userName eq "a" extra'],
    ['presence', 'userName pr'],
    ['an empty filter', ''],
  ])('refuses %s with 400 invalidFilter', (_, filter) => {
    const error = refusal(filter);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('BAD_INPUT');
    expect(error.extra).toEqual({ scimType: 'invalidFilter' });
  });

  it('refuses a filter longer than 1000 characters', () => {
    expect(refusal(`userName eq "${'a'.repeat(1000)}"`).extra).toEqual({ scimType: 'invalidFilter' });
  });
});
