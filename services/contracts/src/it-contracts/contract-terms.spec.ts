import type { NoticeByEndOf } from '@kitos/contracts';
import {
  computeChainValidity,
  computeDeadlines,
  computeValidity,
  endIfNoticeGivenOn,
  lastNoticeDayFor,
  parseExtensionOption,
  parseNoticeMonths,
  type ContractTerms,
} from './contract-terms';
import { danishDayOf } from '@kitos/common';

const NO_TERMS: ContractTerms = {
  validFrom: null,
  validTo: null,
  enforcedValid: false,
  requireValidParent: false,
  terminatedAt: null,
  noticePeriodMonths: null,
  noticeByEndOf: null,
  irrevocableUntil: null,
  isContinuous: false,
  durationYears: null,
  durationMonths: null,
  extensionOptionCount: null,
  extensionOptionMonths: null,
  extensionOptionsUsed: 0,
};
const terms = (t: Partial<ContractTerms>): ContractTerms => ({ ...NO_TERMS, ...t });

describe('the day a contract ends when notice is given', () => {
  it.each<[string, number | null, NoticeByEndOf | null, string | null, string | null, string]>([
    ['2024-01-31', 1, null, null, '2024-02-29', '31 Jan + 1 month, leap year'],
    ['2023-01-31', 1, null, null, '2023-02-28', '31 Jan + 1 month, common year'],
    ['2024-01-31', 1, 'EndOfMonth', null, '2024-02-29', 'løbende måned from the last of January'],
    ['2024-01-15', 3, 'EndOfMonth', null, '2024-04-30', '3 months to the end of a month'],
    ['2024-03-31', 3, 'EndOfQuarter', null, '2024-06-30', 'last day of a quarter reaches the next quarter end'],
    ['2024-04-01', 3, 'EndOfQuarter', null, '2024-09-30', 'first day of a quarter misses it'],
    ['2024-06-30', 6, 'EndOfCalendarYear', null, '2024-12-31', '6 months to the year end, in time'],
    ['2024-07-01', 6, 'EndOfCalendarYear', null, '2025-12-31', '6 months to the year end, a day late'],
    ['2024-02-29', 12, 'EndOfCalendarYear', null, '2025-12-31', 'from 29 Feb, 12 months'],
    ['2025-01-10', 3, 'EndOfQuarter', '2026-12-31', '2026-12-31', 'not before the irrevocable period ends'],
    ['2025-01-10', 3, 'EndOfQuarter', '2025-05-15', '2025-06-30', 'irrevocable period ends inside a quarter'],
    ['2024-02-10', null, 'EndOfMonth', null, '2024-02-29', 'no notice period, end of the month'],
    ['2024-02-10', null, null, null, null, 'no termination terms'],
  ])('notice on %s, %s months, %s, irrevocable until %s → ends %s (%s)', (day, months, byEndOf, irrevocable, expected) => {
    expect(endIfNoticeGivenOn(day, { noticePeriodMonths: months, noticeByEndOf: byEndOf, irrevocableUntil: irrevocable })).toBe(expected);
  });

  it.each([
    ['2024-06-30', 3, '2024-01-01', '2024-03-31'],
    ['2024-02-29', 1, '2024-01-01', '2024-01-31'],
    ['2023-02-28', 1, '2023-01-01', '2023-01-31'],
    ['2024-12-31', 6, '2024-01-01', '2024-06-30'],
    ['2025-12-31', 12, '2024-01-01', '2024-12-31'],
    ['2024-05-31', 3, '2024-01-01', '2024-02-29'],
    ['2025-05-31', 3, '2025-01-01', '2025-02-28'],
    ['2024-04-30', 0, '2024-04-01', '2024-04-30'],
    ['2024-06-30', 3, '2024-04-01', null],
  ])('the last day notice ends the contract on %s with %i months (from %s) is %s', (end, months, from, expected) => {
    expect(lastNoticeDayFor(end, months, from)).toBe(expected);
  });
});

describe('derived deadlines', () => {
  it.each<[string, Partial<ContractTerms>, string, Record<string, string | null>]>([
    [
      'notice to the end of a quarter, mid-quarter',
      { noticePeriodMonths: 3, noticeByEndOf: 'EndOfQuarter' },
      '2025-02-10',
      { noticeDeadline: '2025-03-31', endIfNoticeToday: '2025-06-30' },
    ],
    [
      'on the last day of the quarter, notice still reaches the next quarter end',
      { noticePeriodMonths: 3, noticeByEndOf: 'EndOfQuarter' },
      '2025-03-31',
      { noticeDeadline: '2025-03-31', endIfNoticeToday: '2025-06-30' },
    ],
    [
      'a day later it reaches the one after',
      { noticePeriodMonths: 3, noticeByEndOf: 'EndOfQuarter' },
      '2025-04-01',
      { noticeDeadline: '2025-06-30', endIfNoticeToday: '2025-09-30' },
    ],
    [
      'irrevocable until the end of 2026, 6 months to the year end',
      { noticePeriodMonths: 6, noticeByEndOf: 'EndOfCalendarYear', irrevocableUntil: '2026-12-31' },
      '2025-03-01',
      { noticeDeadline: '2026-06-30', endIfNoticeToday: '2026-12-31', irrevocableUntil: '2026-12-31' },
    ],
    [
      'a fixed term that runs out before notice could end it',
      { noticePeriodMonths: 3, noticeByEndOf: 'EndOfQuarter', validTo: '2025-04-30' },
      '2025-02-10',
      { noticeDeadline: null, endIfNoticeToday: '2025-04-30' },
    ],
    [
      'notice already given: when it takes effect, nothing else',
      { noticePeriodMonths: 3, noticeByEndOf: 'EndOfMonth', terminatedAt: '2025-01-15' },
      '2025-02-01',
      { noticeDeadline: null, endIfNoticeToday: null, terminationEffectiveDate: '2025-04-30' },
    ],
    [
      'an ended contract has no deadlines ahead',
      { noticePeriodMonths: 3, validTo: '2024-12-31', irrevocableUntil: '2024-06-30' },
      '2025-01-01',
      { noticeDeadline: null, endIfNoticeToday: null, irrevocableUntil: null, nextExtensionOptionDate: null },
    ],
    [
      'no termination terms',
      {},
      '2025-01-01',
      {
        noticeDeadline: null,
        endIfNoticeToday: null,
        irrevocableUntil: null,
        nextExtensionOptionDate: null,
        terminationEffectiveDate: null,
      },
    ],
    [
      'leap day: one month to the end of a month',
      { noticePeriodMonths: 1, noticeByEndOf: 'EndOfMonth' },
      '2024-02-29',
      { noticeDeadline: '2024-02-29', endIfNoticeToday: '2024-03-31' },
    ],
    [
      'an extension option left at the end of the first period',
      { validFrom: '2023-01-01', durationYears: 2, extensionOptionCount: 2, extensionOptionMonths: 12 },
      '2024-06-01',
      { nextExtensionOptionDate: '2024-12-31' },
    ],
    [
      'one option used: the period is a year longer',
      { validFrom: '2023-01-01', durationYears: 2, extensionOptionCount: 2, extensionOptionMonths: 12, extensionOptionsUsed: 1 },
      '2025-03-01',
      { nextExtensionOptionDate: '2025-12-31' },
    ],
    [
      'every option used',
      { validFrom: '2023-01-01', durationYears: 2, extensionOptionCount: 2, extensionOptionMonths: 12, extensionOptionsUsed: 2 },
      '2025-03-01',
      { nextExtensionOptionDate: null },
    ],
    [
      'a period from 31 January of 1 month with a 6-month option',
      { validFrom: '2024-01-31', durationMonths: 1, extensionOptionCount: 1, extensionOptionMonths: 6 },
      '2024-02-01',
      { nextExtensionOptionDate: '2024-02-29' },
    ],
    [
      'an explicit end date is the end of the current period',
      { validFrom: '2023-01-01', validTo: '2026-06-30', durationYears: 2, extensionOptionCount: 1, extensionOptionMonths: 12 },
      '2025-03-01',
      { nextExtensionOptionDate: '2026-06-30' },
    ],
  ])('%s', (_, given, today, expected) => {
    expect(computeDeadlines(terms(given), today)).toMatchObject(expected);
  });

  it.each([
    ['2025-03-29T22:59:59Z', '2025-04-30', '2025-03-31', 'the evening before the spring change'],
    ['2025-03-30T01:30:00Z', '2025-04-30', '2025-03-31', 'during the spring change night'],
    ['2025-03-31T21:59:59Z', '2025-04-30', '2025-03-31', 'the last second of March (CEST)'],
    ['2025-03-31T22:00:00Z', '2025-05-31', '2025-04-30', 'midnight, 1 April in Copenhagen'],
    ['2025-10-31T22:59:59Z', '2025-11-30', '2025-10-31', 'the last second of October, after the autumn change (CET)'],
    ['2025-10-31T23:00:00Z', '2025-12-31', '2025-11-30', 'midnight, 1 November in Copenhagen'],
  ])('at %s (one month, end of month) the contract ends %s if notice is given, last notice day %s (%s)', (instant, end, deadline) => {
    const today = danishDayOf(new Date(instant));
    expect(computeDeadlines(terms({ noticePeriodMonths: 1, noticeByEndOf: 'EndOfMonth' }), today)).toMatchObject({
      endIfNoticeToday: end,
      noticeDeadline: deadline,
    });
  });
});

describe('computed validity', () => {
  it.each<[string, Partial<ContractTerms>, string, boolean | null, boolean, string[]]>([
    ['no dates', {}, '2025-01-01', null, true, []],
    ['before the first day', { validFrom: '2025-01-02' }, '2025-01-01', null, false, ['StartDateNotPassed']],
    ['on the first day', { validFrom: '2025-01-01' }, '2025-01-01', null, true, []],
    ['on the last day', { validTo: '2025-01-01' }, '2025-01-01', null, true, []],
    ['after the last day', { validTo: '2024-12-31' }, '2025-01-01', null, false, ['EndDatePassed']],
    ['terminated, within the notice period', { terminatedAt: '2025-01-15', noticePeriodMonths: 3 }, '2025-04-15', null, true, []],
    [
      'terminated, the notice period run out',
      { terminatedAt: '2025-01-15', noticePeriodMonths: 3 },
      '2025-04-16',
      null,
      false,
      ['TerminationPeriodExceeded'],
    ],
    [
      'terminated to the end of a quarter: valid until that day',
      { terminatedAt: '2025-01-15', noticePeriodMonths: 3, noticeByEndOf: 'EndOfQuarter' },
      '2025-06-30',
      null,
      true,
      [],
    ],
    ['terminated without terms: ends that day', { terminatedAt: '2025-01-15' }, '2025-01-16', null, false, ['TerminationPeriodExceeded']],
    ['forced valid though ended', { validTo: '2024-12-31', enforcedValid: true }, '2025-01-01', null, true, ['EndDatePassed']],
    ['requires a valid parent, parent invalid', { requireValidParent: true }, '2025-01-01', false, false, ['InvalidParentContract']],
    ['requires a valid parent, parent valid', { requireValidParent: true }, '2025-01-01', true, true, []],
    ['does not require it, parent invalid', {}, '2025-01-01', false, true, []],
    ['requires it, no parent', { requireValidParent: true }, '2025-01-01', null, true, []],
    [
      'several reasons at once',
      { validFrom: '2025-02-01', validTo: '2024-12-31', requireValidParent: true },
      '2025-01-01',
      false,
      false,
      ['StartDateNotPassed', 'EndDatePassed', 'InvalidParentContract'],
    ],
  ])('%s', (_, given, today, parentValid, valid, errors) => {
    expect(computeValidity(terms(given), today, parentValid)).toEqual({
      valid,
      enforcedValid: given.enforcedValid ?? false,
      validationErrors: errors,
    });
  });

  it('follows the chain of parents that require validity', () => {
    const ended = terms({ validTo: '2024-12-31' });
    const inheriting = terms({ requireValidParent: true });
    expect(computeChainValidity([inheriting, inheriting, ended], '2025-01-01')).toMatchObject({
      valid: false,
      validationErrors: ['InvalidParentContract'],
    });
    expect(computeChainValidity([inheriting, terms({ requireValidParent: true, enforcedValid: true }), ended], '2025-01-01').valid).toBe(
      true,
    );
    expect(computeChainValidity([inheriting, terms({}), ended], '2025-01-01').valid).toBe(true);
  });
});

describe('option names', () => {
  it.each([
    ['2 x 1 år', { count: 2, months: 12 }],
    ['1 x 6 måneder', { count: 1, months: 6 }],
    ['3x1 år', { count: 3, months: 12 }],
    ['2 × 2 år', { count: 2, months: 24 }],
    ['Ingen option', null],
  ])('extension option %s', (name, expected) => {
    expect(parseExtensionOption(name)).toEqual(expected);
  });

  it.each([
    ['3', 3],
    ['12 måneder', 12],
    [' 6 ', 6],
    ['Tre', null],
  ])('notice period %s', (name, expected) => {
    expect(parseNoticeMonths(name)).toBe(expected);
  });
});
