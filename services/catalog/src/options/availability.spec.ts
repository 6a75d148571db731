import { descriptionIn, isAvailable, type GlobalFlags } from './availability';

const option = (flags: Partial<GlobalFlags> = {}): GlobalFlags => ({
  isEnabled: true,
  isObligatory: false,
  description: 'Global',
  ...flags,
});
const active = { isActive: true, description: null };
const inactive = { isActive: false, description: null };

describe('availability of an option value in an organisation', () => {
  it('an enabled obligatory value is available without any local setting, and even when deactivated locally', () => {
    expect(isAvailable(option({ isObligatory: true }), null)).toBe(true);
    expect(isAvailable(option({ isObligatory: true }), inactive)).toBe(true);
  });

  it('an enabled non-obligatory value is available only where it was activated', () => {
    expect(isAvailable(option(), null)).toBe(false);
    expect(isAvailable(option(), inactive)).toBe(false);
    expect(isAvailable(option(), active)).toBe(true);
  });

  it('a disabled value is available nowhere, obligatory or activated', () => {
    expect(isAvailable(option({ isEnabled: false, isObligatory: true }), null)).toBe(false);
    expect(isAvailable(option({ isEnabled: false }), active)).toBe(false);
  });

  it('shows the local description when the organisation set one, else the global one', () => {
    expect(descriptionIn(option(), null)).toBe('Global');
    expect(descriptionIn(option(), inactive)).toBe('Global');
    expect(descriptionIn(option(), { isActive: true, description: 'Lokal' })).toBe('Lokal');
    expect(descriptionIn(option({ description: null }), null)).toBeNull();
  });
});
