import { render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ChartFigure, drawableOption } from './EChart';

describe('drawableOption', () => {
  it('draws tooltips on the canvas (no HTML with inline styles) and keeps what the option sets', () => {
    const drawn = drawableOption({ tooltip: { trigger: 'axis' }, color: ['#000000'], series: [] }, ['#0059b3']);
    expect(drawn.tooltip).toEqual({ trigger: 'axis', renderMode: 'richText' });
    expect(drawn.color).toEqual(['#000000']);
    expect(drawableOption({ series: [] }, ['#0059b3']).color).toEqual(['#0059b3']);
    expect(drawableOption({ series: [] }, []).tooltip).toBeUndefined();
  });
});

describe('ChartFigure', () => {
  it('names the drawing and puts the same numbers in a table with row headers, marking the own row', async () => {
    render(
      <ChartFigure
        title="Brug af systemer"
        description="Antal kommuner pr. system"
        option={{ xAxis: { type: 'category', data: ['A', 'B'] }, yAxis: {}, series: [{ type: 'bar', data: [3, 5] }] }}
        columns={[
          { key: 'system', label: 'System' },
          { key: 'count', label: 'Kommuner', numeric: true },
        ]}
        rows={[
          { system: 'A', count: 3 },
          { system: 'B', count: 5 },
        ]}
        highlightRow={1}
      />,
    );
    expect(screen.getByRole('img', { name: 'Brug af systemer' })).toBeInTheDocument();
    expect(screen.getByRole('figure', { name: 'Brug af systemer' })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Brug af systemer' });
    const rows = within(table).getAllByRole('row');
    expect(rows.map((row) => row.textContent)).toEqual(['SystemKommuner', 'A3', 'B5']);
    expect(within(rows[2]).getByRole('rowheader')).toHaveTextContent('B');
    expect(rows[2]).toHaveClass('chart-figure__own');
    expect(rows[1]).not.toHaveClass('chart-figure__own');
    // the drawing's library loads in its own chunk; in a DOM without canvas the figure stays usable through its table
    await waitFor(() => expect(screen.getByRole('img').dataset.chartReady).toMatch(/true|false/));
  });
});
