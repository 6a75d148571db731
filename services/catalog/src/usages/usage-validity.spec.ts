import { danishDayOf, danishDayOfInput } from '@kitos/common';
import { computeValidity } from './usage-validity';

const open = { lifeCycleStatus: null, validFrom: null, validTo: null } as const;

describe('danishDayOf', () => {
  it.each([
    ['winter, one second before Danish midnight', '2026-01-14T22:59:59Z', '2026-01-14'],
    ['winter, at Danish midnight (23:00 UTC)', '2026-01-14T23:00:00Z', '2026-01-15'],
    ['summer, one second before Danish midnight', '2026-06-30T21:59:59Z', '2026-06-30'],
    ['summer, at Danish midnight (22:00 UTC)', '2026-06-30T22:00:00Z', '2026-07-01'],
    ['the night summer time starts (29 March 2026)', '2026-03-28T23:00:00Z', '2026-03-29'],
    ['just after the clocks jump from 02:00 to 03:00', '2026-03-29T01:00:00Z', '2026-03-29'],
    ['the last second of the short day', '2026-03-29T21:59:59Z', '2026-03-29'],
    ['the night summer time ends (25 October 2026)', '2026-10-24T22:00:00Z', '2026-10-25'],
    ['the last second of the long day', '2026-10-25T22:59:59Z', '2026-10-25'],
    ['the first second after the long day', '2026-10-25T23:00:00Z', '2026-10-26'],
  ])('%s: %s is %s', (_, instant, day) => {
    expect(danishDayOf(new Date(instant))).toBe(day);
  });
});

describe('danishDayOfInput', () => {
  it('keeps a plain date as that day', () => {
    expect(danishDayOfInput('2024-01-01')).toBe('2024-01-01');
  });

  it('reads a UTC time as the Danish day it falls on', () => {
    expect(danishDayOfInput('2023-12-31T23:00:00Z')).toBe('2024-01-01');
    expect(danishDayOfInput('2023-12-31T22:59:59Z')).toBe('2023-12-31');
  });

  it('reads a time with an offset as the Danish day it falls on', () => {
    expect(danishDayOfInput('2026-07-01T00:30:00+02:00')).toBe('2026-07-01');
    expect(danishDayOfInput('2026-07-01T00:30:00+00:00')).toBe('2026-07-01');
  });
});

describe('computeValidity', () => {
  const at = (iso: string) => new Date(iso);

  it('is valid without period or life cycle', () => {
    expect(computeValidity(open, at('2026-05-01T12:00:00Z'))).toEqual({
      valid: true,
      validAccordingToValidityPeriod: true,
      validAccordingToLifeCycle: true,
      validAccordingToMainContract: true,
      invalidReasons: [],
    });
  });

  it('is not valid before the first day', () => {
    const result = computeValidity({ ...open, validFrom: '2026-05-02' }, at('2026-05-01T12:00:00Z'));
    expect(result).toMatchObject({ valid: false, validAccordingToValidityPeriod: false, invalidReasons: ['StartDateNotPassed'] });
  });

  it('is valid on the first day from Danish midnight, while it is still the day before in UTC', () => {
    const usage = { ...open, validFrom: '2026-07-01' };
    expect(computeValidity(usage, at('2026-06-30T21:59:59Z')).invalidReasons).toEqual(['StartDateNotPassed']);
    expect(computeValidity(usage, at('2026-06-30T22:00:00Z')).valid).toBe(true);
  });

  it('is valid through the whole last day and not after Danish midnight', () => {
    const usage = { ...open, validTo: '2026-01-14' };
    expect(computeValidity(usage, at('2026-01-14T22:59:59Z')).valid).toBe(true);
    expect(computeValidity(usage, at('2026-01-14T23:00:00Z'))).toMatchObject({ valid: false, invalidReasons: ['EndDatePassed'] });
  });

  it('counts the last day by Danish time on the day summer time ends', () => {
    const usage = { ...open, validTo: '2026-10-25' };
    expect(computeValidity(usage, at('2026-10-25T22:59:59Z')).valid).toBe(true);
    expect(computeValidity(usage, at('2026-10-25T23:00:00Z')).invalidReasons).toEqual(['EndDatePassed']);
  });

  it('counts the first day by Danish time on the day summer time starts', () => {
    const usage = { ...open, validFrom: '2026-03-29' };
    expect(computeValidity(usage, at('2026-03-28T22:59:59Z')).valid).toBe(false);
    expect(computeValidity(usage, at('2026-03-28T23:00:00Z')).valid).toBe(true);
  });

  it('is valid on a one-day period only on that day', () => {
    const usage = { ...open, validFrom: '2026-05-01', validTo: '2026-05-01' };
    expect(computeValidity(usage, at('2026-04-30T21:59:59Z')).invalidReasons).toEqual(['StartDateNotPassed']);
    expect(computeValidity(usage, at('2026-04-30T22:00:00Z')).valid).toBe(true);
    expect(computeValidity(usage, at('2026-05-01T21:59:59Z')).valid).toBe(true);
    expect(computeValidity(usage, at('2026-05-01T22:00:00Z')).invalidReasons).toEqual(['EndDatePassed']);
  });

  it('is not valid when the life cycle says NotInUse, even inside the period', () => {
    const result = computeValidity(
      { lifeCycleStatus: 'NotInUse', validFrom: '2026-01-01', validTo: '2026-12-31' },
      at('2026-05-01T12:00:00Z'),
    );
    expect(result).toEqual({
      valid: false,
      validAccordingToValidityPeriod: true,
      validAccordingToLifeCycle: false,
      validAccordingToMainContract: true,
      invalidReasons: ['NotOperationalAccordingToLifeCycle'],
    });
  });

  it.each(['Undecided', 'PhasingIn', 'Operational', 'PhasingOut'] as const)('counts %s as in use', (lifeCycleStatus) => {
    expect(computeValidity({ ...open, lifeCycleStatus }, at('2026-05-01T12:00:00Z')).valid).toBe(true);
  });

  it('lists every reason that applies', () => {
    const result = computeValidity({ lifeCycleStatus: 'NotInUse', validFrom: '2027-01-01', validTo: null }, at('2026-05-01T12:00:00Z'));
    expect(result.invalidReasons).toEqual(['StartDateNotPassed', 'NotOperationalAccordingToLifeCycle']);
  });

  describe('main contract (KITOS MainContractNotActive)', () => {
    const now = at('2026-05-01T12:00:00Z');
    const withMain = { ...open, mainContractUuid: 'c-1' };

    it('is valid while the main contract is valid today', () => {
      const result = computeValidity(withMain, now, { validFrom: '2026-01-01', validTo: '2026-12-31' });
      expect(result).toMatchObject({ valid: true, validAccordingToMainContract: true, invalidReasons: [] });
    });

    it('is not valid once the main contract has expired', () => {
      const result = computeValidity(withMain, now, { validFrom: '2025-01-01', validTo: '2026-04-30' });
      expect(result).toMatchObject({ valid: false, validAccordingToMainContract: false, invalidReasons: ['MainContractNotActive'] });
    });

    it('is valid when the expired main contract is forced valid', () => {
      expect(computeValidity(withMain, now, { validTo: '2026-04-30', enforcedValid: true }).valid).toBe(true);
    });

    it('is not valid when the main contract is not known (deleted)', () => {
      expect(computeValidity(withMain, now, null).invalidReasons).toEqual(['MainContractNotActive']);
    });

    it('ignores a contract when the usage has no main contract', () => {
      expect(computeValidity(open, now, { validTo: '2020-01-01' }).valid).toBe(true);
    });
  });
});
