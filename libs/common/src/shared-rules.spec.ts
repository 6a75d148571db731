import { DomainError } from './errors';
import { collectErrors, externalReferenceErrors, roleAssignmentErrors } from './shared-rules';

const K1 = '11111111-1111-4111-8111-111111111111';
const K2 = '22222222-2222-4222-8222-222222222222';
const K3 = '33333333-3333-4333-8333-333333333333';

describe('roleAssignmentErrors', () => {
  it('accepts one user in two roles and two users in one role', () => {
    expect(
      roleAssignmentErrors([
        { roleUuid: K1, userUuid: K2 },
        { roleUuid: K3, userUuid: K2 },
        { roleUuid: K1, userUuid: K3 },
      ]),
    ).toEqual([]);
  });

  it('refuses the same pair twice', () => {
    expect(
      roleAssignmentErrors([
        { roleUuid: K1, userUuid: K2 },
        { roleUuid: K1, userUuid: K2 },
      ]).map((e) => e.field),
    ).toEqual(['roles[1]']);
  });
});

describe('externalReferenceErrors', () => {
  it('accepts new references and existing ones by uuid, with one master', () => {
    expect(externalReferenceErrors([{ uuid: K1, masterReference: true }, {}, { masterReference: false }], new Set([K1]), 'usage')).toEqual(
      [],
    );
  });

  it('refuses a uuid that is not a reference of the object, naming the object', () => {
    expect(externalReferenceErrors([{ uuid: K2 }], new Set([K1]), 'usage')).toEqual([
      { field: 'externalReferences[0].uuid', message: `Reference ${K2} is not a reference of this usage` },
    ]);
  });

  it('refuses the same uuid twice', () => {
    expect(externalReferenceErrors([{ uuid: K1 }, { uuid: K1 }], new Set([K1]), 'usage').map((e) => e.field)).toEqual([
      'externalReferences[1].uuid',
    ]);
  });

  it('refuses two master references', () => {
    expect(externalReferenceErrors([{ masterReference: true }, { masterReference: true }], new Set(), 'usage').map((e) => e.field)).toEqual(
      ['externalReferences'],
    );
  });
});

describe('collectErrors', () => {
  it('gathers the field errors of every check that refuses its input, in order', async () => {
    const errors = await collectErrors([
      async () => {
        throw DomainError.badInput('bad', [{ field: 'a', message: 'no' }]);
      },
      async () => 'fine',
      async () => {
        throw DomainError.badInput('also bad');
      },
    ]);
    expect(errors).toEqual([
      { field: 'a', message: 'no' },
      { field: '', message: 'also bad' },
    ]);
  });

  it('throws any other failure as it is', async () => {
    const failure = DomainError.unavailable('down');
    await expect(collectErrors([async () => Promise.reject(failure)])).rejects.toBe(failure);
  });
});
