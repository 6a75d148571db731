import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { countByLevel, levelOf, riskMatrix, type Risk } from './risk-matrix';
import { RiskMatrix } from './RiskSection';

const risk = (description: string, probability: number, consequence: number): Risk => ({
  uuid: description,
  description,
  probability,
  consequence,
  score: probability * consequence,
  level: levelOf(probability * consequence),
  mitigation: null,
  owner: null,
});

describe('risk matrix', () => {
  it('grades scores as the projects service does (Low 1–4, Medium 5–9, High 10–16, Critical 20 and 25)', () => {
    expect([1, 4, 5, 9, 10, 16, 20, 25].map(levelOf)).toEqual(['Low', 'Low', 'Medium', 'Medium', 'High', 'High', 'Critical', 'Critical']);
  });

  it('has five rows from probability 5 down to 1 and five cells from consequence 1 to 5, each with its score', () => {
    const matrix = riskMatrix([]);
    expect(matrix.map((row) => row[0]!.probability)).toEqual([5, 4, 3, 2, 1]);
    expect(matrix[0]!.map((cell) => cell.consequence)).toEqual([1, 2, 3, 4, 5]);
    expect(matrix[0]![4]).toMatchObject({ probability: 5, consequence: 5, score: 25, level: 'Critical', risks: [] });
    expect(matrix[4]![0]).toMatchObject({ probability: 1, consequence: 1, score: 1, level: 'Low' });
    expect(matrix[2]![3]).toMatchObject({ probability: 3, consequence: 4, score: 12, level: 'High' });
  });

  it('puts each risk in the cell of its probability and consequence, by description within a cell', () => {
    const risks = [risk('Leverandør forsinket', 3, 4), risk('Data mistes', 3, 4), risk('Nøgleperson stopper', 2, 5)];
    const matrix = riskMatrix(risks);
    const cell = (p: number, c: number) => matrix[5 - p]![c - 1]!;
    expect(cell(3, 4).risks.map((r) => r.description)).toEqual(['Data mistes', 'Leverandør forsinket']);
    expect(cell(2, 5).risks.map((r) => r.description)).toEqual(['Nøgleperson stopper']);
    expect(matrix.flat().reduce((sum, c) => sum + c.risks.length, 0)).toBe(3);
  });

  it('counts the risks per level, zero for levels without risks', () => {
    expect(countByLevel([risk('a', 5, 5), risk('b', 3, 4), risk('c', 1, 1), risk('d', 1, 2)])).toEqual({
      Critical: 1,
      High: 1,
      Medium: 0,
      Low: 2,
    });
  });
});

describe('RiskMatrix', () => {
  it('is a table grid: consequence columns, probability rows from 5 down, each cell with its count, score and level in words and its risks', () => {
    render(<RiskMatrix risks={[risk('Leverandør forsinket', 3, 4), risk('Data mistes', 3, 4), risk('Nøgleperson stopper', 1, 2)]} />);
    const table = screen.getByRole('table', { name: 'Risikomatrix: sandsynlighed × konsekvens' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['1 ubetydelig', '2 mindre', '3 moderat', '4 alvorlig', '5 kritisk']);
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['5 næsten sikker', '4 sandsynlig', '3 mulig', '2 usandsynlig', '1 sjælden']);
    const cell = table.querySelector('[data-probability="3"][data-consequence="4"]')!;
    expect(cell.textContent).toContain('2 risici, score 12, Høj');
    expect(
      within(cell as HTMLElement)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Data mistes', 'Leverandør forsinket']);
    expect(table.querySelector('[data-probability="1"][data-consequence="2"]')!.textContent).toContain('1 risiko, score 2, Lav');
    expect(table.querySelector('[data-probability="5"][data-consequence="5"]')!.textContent).toBe('ingen, score 25');
    expect([...table.querySelectorAll('td[data-count]')].reduce((sum, td) => sum + Number(td.getAttribute('data-count')), 0)).toBe(3);
  });
});
