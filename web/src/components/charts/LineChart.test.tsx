import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LineChart, type LineSeries } from './LineChart';

const series: LineSeries[] = [
  {
    name: 'Kommunen',
    values: [
      { x: '2026-12-01', y: 0.5 },
      { x: '2026-12-02', y: 0.625 },
      { x: '2026-12-03', y: 0.75 },
    ],
  },
  {
    name: 'Landsmedian',
    values: [
      { x: '2026-12-01', y: 0.6 },
      { x: '2026-12-02', y: null },
      { x: '2026-12-03', y: 0.7 },
    ],
  },
];
const percent = (y: number) => `${Math.round(y * 1000) / 10} %`;

describe('LineChart', () => {
  it('draws a named image and, beside it, a table with exactly the numbers of each series', () => {
    render(<LineChart title="Score over tid" series={series} xLabel="Dag" formatY={percent} yMax={1} noValue="ingen" />);
    expect(screen.getByRole('img', { name: 'Score over tid' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Score over tid' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Dag', 'Kommunen', 'Landsmedian'],
      ['2026-12-01', '50 %', '60 %'],
      ['2026-12-02', '62.5 %', 'ingen'],
      ['2026-12-03', '75 %', '70 %'],
    ]);
    // the same numbers, read back from the table, are what the series hold
    for (const [n, s] of series.entries())
      expect(rows.slice(1).map((r) => within(r).getAllByRole('cell')[n].textContent)).toEqual(
        s.values.map((v) => (v.y === null ? 'ingen' : percent(v.y))),
      );
  });

  it('plots every value as a point, breaking the line where a value is missing', () => {
    const { container } = render(<LineChart title="Score" series={series} xLabel="Dag" yMax={1} />);
    const [own, median] = [...container.querySelectorAll('svg[role="img"] .line-chart__series')];
    expect(own.querySelectorAll('polyline')).toHaveLength(1);
    expect(own.querySelector('polyline')!.getAttribute('points')!.split(' ')).toHaveLength(3);
    expect(own.querySelectorAll('.line-chart__marker')).toHaveLength(3);
    // the median lacks the middle day: two one-point segments, two markers
    expect(median.querySelectorAll('polyline')).toHaveLength(2);
    expect(median.querySelectorAll('.line-chart__marker')).toHaveLength(2);
    // y = 0.5 of yMax 1 lies half-way up the plot; higher values lie higher (smaller svg y)
    const ys = own
      .querySelector('polyline')!
      .getAttribute('points')!
      .split(' ')
      .map((p) => Number(p.split(',')[1]));
    expect(ys[0]).toBeGreaterThan(ys[1]);
    expect(ys[1]).toBeGreaterThan(ys[2]);
  });

  it('tells the series apart by more than colour: each has its own dash pattern and marker shape', () => {
    const { container } = render(<LineChart title="Score" series={series} xLabel="Dag" />);
    const [own, median] = [...container.querySelectorAll('svg[role="img"] .line-chart__series')];
    expect(own.querySelector('polyline')!.getAttribute('stroke-dasharray')).toBeNull();
    expect(median.querySelector('polyline')!.getAttribute('stroke-dasharray')).toBe('8 4');
    expect(own.querySelector('.line-chart__marker')!.tagName).toBe('circle');
    expect(median.querySelector('.line-chart__marker')!.tagName).toBe('rect');
  });
});
