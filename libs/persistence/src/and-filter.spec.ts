import { andFilter } from './and-filter';

describe('andFilter', () => {
  it('merges conditions on different fields into one flat filter', () => {
    expect(andFilter([{ deleted: false }, { organizationUuid: 'o' }, { nameKey: { $regex: 'a' } }])).toEqual({
      deleted: false,
      organizationUuid: 'o',
      nameKey: { $regex: 'a' },
    });
  });

  it('keeps conditions whose key is already taken in an $and, so none is overwritten', () => {
    const or1 = { $or: [{ scope: 'Global' }, { organizationUuid: 'o' }] };
    const or2 = { $or: [{ a: 1 }, { b: 2 }] };
    expect(andFilter([{ deleted: false }, or1, { nameKey: 'x' }, or2, { nameKey: { $regex: 'x' } }])).toEqual({
      deleted: false,
      ...or1,
      nameKey: 'x',
      $and: [or2, { nameKey: { $regex: 'x' } }],
    });
  });

  it('skips empty conditions and answers {} for none', () => {
    expect(andFilter([])).toEqual({});
    expect(andFilter([{}, { deleted: false }, {}])).toEqual({ deleted: false });
  });
});
