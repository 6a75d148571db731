import { describe, expect, it } from 'vitest';
import { categoryLabel, drawnValue, rowsToShow, timelineOf, yearsAfter } from './figures';

const pair = (uuid: string, name: string) => ({ uuid, name });

describe('drawnValue', () => {
  it('leaves a suppressed figure out (null), never 0; a shown 0 stays 0', () => {
    expect(drawnValue({ suppressed: true }, null)).toBeNull();
    expect(drawnValue({ suppressed: true }, 1234)).toBeNull();
    expect(drawnValue({ suppressed: false }, 0)).toBe(0);
    expect(drawnValue({ suppressed: false }, 0.5)).toBe(0.5);
  });
});

describe('categoryLabel', () => {
  it('says in words which bar is the own organisation’s and which group is suppressed', () => {
    const words = { own: 'jer', suppressed: 'skjult' };
    expect(categoryLabel({ label: 'ESDH', own: false, suppressed: false }, words)).toBe('ESDH');
    expect(categoryLabel({ label: 'ESDH', own: true, suppressed: true }, words)).toBe('ESDH (jer) (skjult)');
  });
});

describe('rowsToShow', () => {
  it('keeps rows with figures and the organisation’s own systems, in order, up to the limit', () => {
    const rows = [
      { system: pair('a', 'A'), suppressed: true },
      { system: pair('b', 'B'), suppressed: false },
      { system: pair('c', 'C'), suppressed: true },
      { system: pair('d', 'D'), suppressed: false },
    ];
    expect(rowsToShow(rows, (r) => !r.suppressed, new Set(['c']), 10).map((r) => r.system.uuid)).toEqual(['b', 'c', 'd']);
    expect(rowsToShow(rows, (r) => !r.suppressed, new Set(), 1).map((r) => r.system.uuid)).toEqual(['b']);
  });
});

describe('timelineOf', () => {
  const row = (system: string, org: string, validTo: string | null) => ({
    system: pair(system, `System ${system}`),
    organization: pair(org, `Kommune ${org}`),
    contract: pair(`${system}-${org}`, `Kontrakt ${system}${org}`),
    validTo,
    noticeDeadline: null,
  });

  it('puts each system on its own line in order of its first end date, the own contracts apart, open-ended ones counted', () => {
    const timeline = timelineOf(
      [row('x', '1', '2029-01-01'), row('y', 'me', '2027-06-30'), row('x', 'me', '2028-03-31'), row('y', '2', null)],
      'me',
    );
    expect(timeline.systems).toEqual(['System y', 'System x']);
    expect(timeline.own.map((p) => p.value)).toEqual([
      ['2027-06-30', 0],
      ['2028-03-31', 1],
    ]);
    expect(timeline.others).toEqual([{ value: ['2029-01-01', 1], own: false, organization: 'Kommune 1', contract: 'Kontrakt x1' }]);
    expect(timeline.openEnded).toBe(1);
  });

  it('is empty for no rows', () => {
    expect(timelineOf([], 'me')).toEqual({ systems: [], own: [], others: [], openEnded: 0 });
  });
});

describe('yearsAfter', () => {
  it('adds whole years to a day (29 February becomes 28 February)', () => {
    expect(yearsAfter('2026-12-07', 3)).toBe('2029-12-07');
    expect(yearsAfter('2028-02-29', 1)).toBe('2029-02-28');
  });
});
