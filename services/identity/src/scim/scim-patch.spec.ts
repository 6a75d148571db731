import { DomainError } from '@kitos/common';
import { applyPatch, parsePatchRequest, type ScimPatchOperation } from './scim-patch';

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

const user = () => ({
  id: 'u1',
  userName: 'anna@kommune.dk',
  name: { givenName: 'Anna', familyName: 'Berg' },
  emails: [{ value: 'anna@kommune.dk', type: 'work', primary: true }],
  active: true,
});
const group = () => ({ id: 'g1', displayName: 'KITOS brugere', members: [{ value: 'a' }, { value: 'b' }] });

function scimTypeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return (error as DomainError).extra.scimType;
  }
  throw new Error('no error');
}

describe('parsePatchRequest', () => {
  it('reads the operations, with op names in any case (Entra ID sends "Replace")', () => {
    expect(parsePatchRequest({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })).toEqual([
      { op: 'replace', path: 'active', value: 'False' },
    ]);
  });

  it('refuses a body without the PatchOp schema, without operations, or with an unknown op', () => {
    expect(scimTypeOf(() => parsePatchRequest({ Operations: [{ op: 'add', value: {} }] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => parsePatchRequest({ schemas: [PATCH_OP], Operations: [] }))).toBe('invalidSyntax');
    expect(scimTypeOf(() => parsePatchRequest({ schemas: [PATCH_OP], Operations: [{ op: 'move', path: 'a' }] }))).toBe('invalidSyntax');
  });
});

describe('applyPatch', () => {
  const apply = <T extends Record<string, unknown>>(resource: T, ...operations: ScimPatchOperation[]) => applyPatch(resource, operations);

  it('replaces a simple attribute by path and leaves the input unchanged', () => {
    const input = user();
    expect(apply(input, { op: 'replace', path: 'active', value: false }).active).toBe(false);
    expect(input.active).toBe(true);
  });

  it('replaces a sub-attribute by a dotted path, and by a path with a schema prefix', () => {
    const patched = apply(
      user(),
      { op: 'replace', path: 'name.familyName', value: 'Holm' },
      { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:name.givenName', value: 'Anne' },
    );
    expect(patched.name).toEqual({ givenName: 'Anne', familyName: 'Holm' });
  });

  it('applies a replace without path attribute by attribute, dotted keys included', () => {
    const patched = apply(user(), { op: 'replace', value: { 'name.givenName': 'Anne', displayName: 'Anne Berg', ACTIVE: false } });
    expect(patched).toMatchObject({ name: { givenName: 'Anne', familyName: 'Berg' }, displayName: 'Anne Berg', active: false });
  });

  it('merges the sub-attributes sent for a complex attribute', () => {
    expect(apply(user(), { op: 'add', path: 'name', value: { familyName: 'Holm' } }).name).toEqual({
      givenName: 'Anna',
      familyName: 'Holm',
    });
  });

  it('sets the value of the element a filtered path names, and adds that element when there is none', () => {
    expect(apply(user(), { op: 'replace', path: 'emails[type eq "work"].value', value: 'a@b.dk' }).emails).toEqual([
      { value: 'a@b.dk', type: 'work', primary: true },
    ]);
    const withPhone = apply(user() as Record<string, unknown>, {
      op: 'add',
      path: 'phoneNumbers[type eq "work"].value',
      value: '12345678',
    });
    expect(withPhone.phoneNumbers).toEqual([{ type: 'work', value: '12345678' }]);
  });

  it('adds members once each', () => {
    expect(apply(group(), { op: 'add', path: 'members', value: [{ value: 'b' }, { value: 'c' }] }).members).toEqual([
      { value: 'a' },
      { value: 'b' },
      { value: 'c' },
    ]);
  });

  it('removes a member by a filtered path and by value (as Entra ID sends it)', () => {
    expect(apply(group(), { op: 'remove', path: 'members[value eq "a"]' }).members).toEqual([{ value: 'b' }]);
    expect(apply(group(), { op: 'remove', path: 'members', value: [{ value: 'b' }] }).members).toEqual([{ value: 'a' }]);
  });

  it('removes all members without a value, and replaces them with a list', () => {
    expect(apply(group(), { op: 'remove', path: 'members' }).members).toBeUndefined();
    expect(apply(group(), { op: 'replace', path: 'members', value: [{ value: 'z' }] }).members).toEqual([{ value: 'z' }]);
  });

  it('removes a simple attribute and a sub-attribute', () => {
    const patched = apply(user() as Record<string, unknown>, { op: 'remove', path: 'active' }, { op: 'remove', path: 'name.familyName' });
    expect(patched.active).toBeUndefined();
    expect(patched.name).toEqual({ givenName: 'Anna' });
  });

  it('refuses a remove without path (noTarget), a change of id (mutability) and an unreadable path (invalidPath)', () => {
    expect(scimTypeOf(() => apply(user(), { op: 'remove' }))).toBe('noTarget');
    expect(scimTypeOf(() => apply(user(), { op: 'replace', path: 'id', value: 'x' }))).toBe('mutability');
    expect(scimTypeOf(() => apply(user(), { op: 'replace', path: 'emails[type co "w"].value', value: 'x' }))).toBe('invalidPath');
    expect(scimTypeOf(() => apply(user(), { op: 'replace', path: 'a..b', value: 'x' }))).toBe('invalidPath');
  });

  it('keeps enterprise extension attributes under their schema', () => {
    const patched = apply(user() as Record<string, unknown>, {
      op: 'add',
      path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
      value: 'IT',
    });
    expect(patched['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({ department: 'IT' });
  });
});
