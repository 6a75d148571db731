import { REPORTS } from './report-columns';
import { cellOf, describeColumns, filterCondition, projectionOf, resolveSelection, rowOf } from './report-query';

const usages = REPORTS['it-system-usages'];
const column = (key: string) => usages.columns.find((c) => c.key === key)!;
const errorsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { errors: Array<{ field: string; message: string }> }).errors;
  }
  throw new Error('expected a 400');
};

describe('report queries', () => {
  it.each([
    ['systemName', 'a.b', { $regex: 'a\\.b', $options: 'i' }],
    ['valid', 'true', { $eq: true }],
    ['valid', 'false', { $ne: true }],
    ['lifeCycleStatus', 'Operational', { $eq: 'Operational' }],
    ['riskAssessmentDate', '2025-01-01..2025-12-31', { $gte: '2025-01-01', $lte: '2025-12-31T99' }],
    ['riskAssessmentDate', '..2025-12-31', { $lte: '2025-12-31T99' }],
    ['riskAssessmentDate', '2025-02-30x', 'must be a date YYYY-MM-DD or a range from..to (either side may be left out)'],
    ['valid', 'yes', 'must be true or false'],
    ['lifeCycleStatus', 'Bad', expect.stringContaining('must be one of')],
  ])('filter %s=%s', (key, raw, expected) => {
    expect(filterCondition(column(key), raw)).toEqual(expected);
  });

  it('projects an export on the paths its columns read, computed columns by their sources, without path collisions', () => {
    const columns = ['systemName', 'expectedUsers', 'riskAssessmentDate', 'responsibleUnit'].map(column);
    expect(projectionOf(columns)).toEqual({
      _id: 1,
      'data.systemName': 1,
      'data.expectedUsersLowerBound': 1,
      'data.expectedUsersUpperBound': 1,
      'gdpr.data.riskAssessmentDate': 1,
      'data.responsibleOrganizationUnitUuid': 1,
    });
    expect(projectionOf([...columns, { key: 'all', header: 'Alt', type: 'text', path: 'data' }])).toEqual({
      _id: 1,
      data: 1,
      'gdpr.data.riskAssessmentDate': 1,
    });
    // every report: the projected document gives the same row as the whole one
    for (const report of Object.values(REPORTS)) {
      const projection = projectionOf(report.columns);
      const paths = Object.keys(projection);
      for (const c of report.columns)
        for (const p of c.path ? [c.path] : (c.sources ?? [])) expect(paths.some((q) => p === q || p.startsWith(`${q}.`))).toBe(true);
    }
    const doc = {
      _id: 'u1',
      data: { systemName: 'S', expectedUsersLowerBound: 10, notes: 'n' },
      gdpr: { data: { riskAssessmentDate: '2025-03-01' } },
    };
    const projected = {
      _id: 'u1',
      data: { systemName: 'S', expectedUsersLowerBound: 10 },
      gdpr: { data: { riskAssessmentDate: '2025-03-01' } },
    };
    expect(rowOf(columns, projected, {})).toEqual(rowOf(columns, doc, {}));
  });

  it('sorts on the path, then _id, and filters on paths', () => {
    const resolved = resolveSelection(usages, new Set(), { sort: '-riskAssessmentDate', filters: { localCallName: 'sag' } });
    expect(resolved.sort).toEqual({ 'gdpr.data.riskAssessmentDate': -1, _id: 1 });
    expect(resolved.filter).toEqual({ 'data.localCallName': { $regex: 'sag', $options: 'i' } });
    expect(resolved.columns.every((c) => c.default)).toBe(true);
  });

  it('refuses unknown, computed and hidden columns with the field named', () => {
    expect(errorsOf(() => resolveSelection(usages, new Set(), { columns: ['nope'] }))[0].field).toBe('columns');
    expect(errorsOf(() => resolveSelection(usages, new Set(), { sort: 'responsibleUnit' }))[0].field).toBe('sort');
    const hidden = new Set(['note', 'project'] as const);
    for (const selection of [{ columns: ['notes'] }, { sort: 'notes' }, { filters: { riskAssessmentNotes: 'x' } }])
      expect(errorsOf(() => resolveSelection(usages, hidden, selection))[0].message).toContain('private');
  });

  it('leaves hidden parts of a saved view out instead of failing', () => {
    const resolved = resolveSelection(
      usages,
      new Set(['note'] as const),
      { columns: ['systemName', 'notes'], sort: 'notes', filters: { notes: 'x' } },
      false,
    );
    expect(resolved.columns.map((c) => c.key)).toEqual(['systemName']);
    expect(resolved.filter).toEqual({});
    expect(resolved.sort).toEqual({ 'data.systemName': 1, _id: 1 });
  });

  it('marks private columns by the sharing table and formats cells', () => {
    const described = describeColumns(REPORTS['it-contracts']);
    expect(described.find((c) => c.key === 'total')?.privateClass).toBe('economy');
    expect(described.find((c) => c.key === 'notes')?.privateClass).toBe('note');
    expect(described.find((c) => c.key === 'name')?.privateClass).toBeNull();
    const doc = { _id: 'u', data: { expectedUsersLowerBound: 10, expectedUsersUpperBound: null, createdAt: '2025-06-30T22:30:00.000Z' } };
    expect(cellOf(column('expectedUsers'), doc, {})).toBe('10+');
    expect(
      cellOf(
        REPORTS['system-relations'].columns.find((c) => c.key === 'createdAt')!,
        doc,
        {},
      ),
    ).toBe('2025-07-01');
  });
});
