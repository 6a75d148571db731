import { automaticReminders, catchUpStart, dueAutomatic, dueRepeatOccurrence, nextRepeatDueAt, uuidFrom } from './due-occurrences';

const daily = { startDate: '2026-03-01', endDate: null, repetition: 'Day' as const };
const at = (iso: string) => new Date(iso);

describe('due repeat occurrences', () => {
  it('sends the occurrence of the day once its hour has come', () => {
    expect(dueRepeatOccurrence(daily, at('2026-03-10T05:59:00Z'), at('2026-03-10T00:00:00Z'), 7)).toBeNull();
    expect(dueRepeatOccurrence(daily, at('2026-03-10T06:01:00Z'), at('2026-03-10T00:00:00Z'), 7)).toEqual({
      occurrence: '2026-03-10',
      dueAt: at('2026-03-10T06:00:00Z'),
    });
  });

  it('after downtime, sends only the latest missed occurrence', () => {
    const now = at('2026-03-13T09:00:00Z');
    expect(dueRepeatOccurrence(daily, now, catchUpStart(at('2026-03-01T00:00:00Z'), now, 7), 7)?.occurrence).toBe('2026-03-13');
  });

  it('never sends an occurrence that was due before the reminder existed or outside the catch-up window', () => {
    const monthly = { startDate: '2026-01-31', endDate: null, repetition: 'Month' as const };
    // created on 1 March: the 28 February occurrence is not sent
    expect(dueRepeatOccurrence(monthly, at('2026-03-05T12:00:00Z'), at('2026-03-01T10:00:00Z'), 7)).toBeNull();
    // down from 30 March to 20 April with a 7-day window: 31 March is too old
    const now = at('2026-04-20T10:00:00Z');
    expect(dueRepeatOccurrence(monthly, now, catchUpStart(at('2026-01-01T00:00:00Z'), now, 7), 7)).toBeNull();
    expect(dueRepeatOccurrence(monthly, now, catchUpStart(at('2026-01-01T00:00:00Z'), now, 30), 7)?.occurrence).toBe('2026-03-31');
  });

  it('gives the next due time, Danish hour across the summer-time change', () => {
    expect(nextRepeatDueAt(daily, at('2026-03-28T07:00:00Z'), at('2026-03-01T00:00:00Z'), 7)).toEqual(at('2026-03-29T05:00:00Z'));
    expect(nextRepeatDueAt({ ...daily, endDate: '2026-03-05' }, at('2026-03-28T07:00:00Z'), at('2026-03-01T00:00:00Z'), 7)).toBeNull();
  });
});

describe('automatic deadline reminders', () => {
  const settings = { deadlines: ['ContractNoticeDeadline', 'DataProcessingOversight'] as const, leadDays: [7, 90, 30] };

  it('makes one reminder per deadline and lead time, with stable uuids', () => {
    const result = automaticReminders(
      'c1',
      { ContractNoticeDeadline: '2026-09-30' },
      { ...settings, deadlines: [...settings.deadlines] },
      '2026-06-01',
      7,
    );
    expect(result.map((r) => [r.leadDays, r.occurrence])).toEqual([
      [90, '2026-07-02'],
      [30, '2026-08-31'],
      [7, '2026-09-23'],
    ]);
    expect(result[0].uuid).toBe(uuidFrom('auto|c1|ContractNoticeDeadline|90'));
    expect(result[0].uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('ignores passed deadlines and kinds that are not chosen', () => {
    const deadlines = { ContractNoticeDeadline: '2026-05-01', ContractIrrevocableUntil: '2026-12-01' };
    expect(automaticReminders('c1', deadlines, { ...settings, deadlines: [...settings.deadlines] }, '2026-06-01', 7)).toEqual([]);
  });

  it('sends the latest due lead time only: a deadline learnt 20 days ahead sends the 30-day reminder, never the 90-day one', () => {
    const all = automaticReminders(
      'c1',
      { ContractNoticeDeadline: '2026-06-21' },
      { deadlines: ['ContractNoticeDeadline'], leadDays: [90, 30, 7] },
      '2026-06-01',
      7,
    );
    expect(dueAutomatic(all, at('2026-06-01T10:00:00Z')).map((r) => r.leadDays)).toEqual([30]);
    expect(dueAutomatic(all, at('2026-06-14T10:00:00Z')).map((r) => r.leadDays)).toEqual([7]);
  });
});
