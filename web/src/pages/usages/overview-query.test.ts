import { describe, expect, it } from 'vitest';
import { reportQuery } from './overview-query';

describe('the overview grid as a report query', () => {
  it('sends the chosen columns in order, the sort, and one filter.<key> per filled-in filter', () => {
    const query = reportQuery(
      {
        columns: ['systemName', 'dpia', 'riskAssessmentDate'],
        sort: '-riskAssessmentDate',
        filters: { systemName: ' ESDH ', dpia: 'Yes', valid: '' },
      },
      { page: 2, pageSize: 250 },
    );
    expect(query).toEqual({
      columns: 'systemName,dpia,riskAssessmentDate',
      sort: '-riskAssessmentDate',
      page: 2,
      pageSize: 250,
      'filter.systemName': 'ESDH',
      'filter.dpia': 'Yes',
    });
  });
});
