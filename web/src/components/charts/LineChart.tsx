import { useId } from 'react';
import './charts.css';

export interface LineSeries {
  /** The series' name, shown in the legend and as its column heading in the table. */
  name: string;
  /** One value per x (missing or null: no value that day; the line breaks and the table says so). */
  values: ReadonlyArray<{ x: string; y: number | null }>;
}

export interface LineChartProps {
  /** The chart's title: the figure's caption, the drawing's accessible name and the table's caption. */
  title: string;
  series: ReadonlyArray<LineSeries>;
  /** Heading of the table's first column (what x is, e.g. "Dag"). */
  xLabel: string;
  /** How x and y are shown in the axes and the table (e.g. a date and a percentage). */
  formatX?: (x: string) => string;
  formatY?: (y: number) => string;
  /** The y axis runs from 0 to this (default: the largest value, rounded up). */
  yMax?: number;
  /** Shown in the table for a missing value. */
  noValue?: string;
}

const WIDTH = 640;
const HEIGHT = 280;
const MARGIN = { top: 16, right: 16, bottom: 40, left: 56 };
const TICKS = 4;
/** Each series gets its own dash pattern and marker shape, so the lines differ by more than colour (WCAG 1.4.1). */
const DASHES = [undefined, '8 4', '2 4', '12 4 2 4'];
const MARKERS = ['circle', 'square', 'triangle', 'diamond'] as const;

/** The x values of all series, in the order they first appear. */
export function xValuesOf(series: ReadonlyArray<LineSeries>): string[] {
  const seen = new Set<string>();
  for (const s of series) for (const v of s.values) seen.add(v.x);
  return [...seen];
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * magnitude >= value) ?? 10;
  return step * magnitude;
}

function Marker({ kind, x, y, className }: { kind: (typeof MARKERS)[number]; x: number; y: number; className: string }) {
  const r = 4;
  if (kind === 'circle') return <circle className={className} cx={x} cy={y} r={r} />;
  if (kind === 'square') return <rect className={className} x={x - r} y={y - r} width={2 * r} height={2 * r} />;
  if (kind === 'triangle')
    return <polygon className={className} points={`${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}`} />;
  return <polygon className={className} points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`} />;
}

/**
 * An accessible line chart without dependencies: an SVG drawing (role img, named by the title, its lines told apart by
 * dash pattern and marker as well as colour) and below it a table with the same numbers, which screen readers and
 * keyboard users read instead of the drawing.
 */
export function LineChart({ title, series, xLabel, formatX = (x) => x, formatY = (y) => String(y), yMax, noValue = '–' }: LineChartProps) {
  const id = useId();
  const xs = xValuesOf(series);
  const all = series.flatMap((s) => s.values.map((v) => v.y)).filter((y): y is number => y !== null);
  const top = yMax ?? niceMax(Math.max(0, ...all));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const xAt = (i: number) => MARGIN.left + (xs.length < 2 ? plotWidth / 2 : (i * plotWidth) / (xs.length - 1));
  const yAt = (y: number) => MARGIN.top + plotHeight - (Math.min(Math.max(y, 0), top) / top) * plotHeight;
  const valueAt = (s: LineSeries, x: string) => s.values.find((v) => v.x === x)?.y ?? null;
  // label every x when there are few, else about eight of them
  const labelEvery = Math.max(1, Math.ceil(xs.length / 8));

  /** A series' line as segments between missing values. */
  const segments = (s: LineSeries): string[] => {
    const result: string[] = [];
    let current: string[] = [];
    xs.forEach((x, i) => {
      const y = valueAt(s, x);
      if (y === null) {
        if (current.length) result.push(current.join(' '));
        current = [];
      } else current.push(`${xAt(i)},${yAt(y)}`);
    });
    if (current.length) result.push(current.join(' '));
    return result;
  };

  return (
    <figure className="line-chart">
      <figcaption className="line-chart__title" id={`${id}-title`}>
        {title}
      </figcaption>
      <svg className="line-chart__drawing" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title`} focusable="false">
        <g aria-hidden="true">
          {Array.from({ length: TICKS + 1 }, (_, i) => (top * i) / TICKS).map((tick) => (
            <g key={tick}>
              <line className="line-chart__grid" x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={yAt(tick)} y2={yAt(tick)} />
              <text className="line-chart__tick" x={MARGIN.left - 8} y={yAt(tick)} textAnchor="end" dominantBaseline="middle">
                {formatY(tick)}
              </text>
            </g>
          ))}
          {xs.map((x, i) =>
            i % labelEvery === 0 || i === xs.length - 1 ? (
              <text key={x} className="line-chart__tick" x={xAt(i)} y={HEIGHT - MARGIN.bottom + 20} textAnchor="middle">
                {formatX(x)}
              </text>
            ) : null,
          )}
          {series.map((s, n) => (
            <g key={s.name} className={`line-chart__series line-chart__series--${n % MARKERS.length}`}>
              {segments(s).map((points) => (
                <polyline key={points} className="line-chart__line" points={points} strokeDasharray={DASHES[n % DASHES.length]} />
              ))}
              {xs.map((x, i) => {
                const y = valueAt(s, x);
                return y === null ? null : (
                  <Marker key={x} kind={MARKERS[n % MARKERS.length]} x={xAt(i)} y={yAt(y)} className="line-chart__marker" />
                );
              })}
            </g>
          ))}
        </g>
      </svg>
      <ul className="line-chart__legend" aria-hidden="true">
        {series.map((s, n) => (
          <li key={s.name} className={`line-chart__series line-chart__series--${n % MARKERS.length}`}>
            <svg className="line-chart__key" viewBox="0 0 32 12" width="32" height="12" focusable="false">
              <line className="line-chart__line" x1={0} x2={32} y1={6} y2={6} strokeDasharray={DASHES[n % DASHES.length]} />
              <Marker kind={MARKERS[n % MARKERS.length]} x={16} y={6} className="line-chart__marker" />
            </svg>
            <span className="line-chart__legend-name">{s.name}</span>
          </li>
        ))}
      </ul>
      <table className="table table--compact line-chart__table" id={`${id}-table`}>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{xLabel}</th>
            {series.map((s) => (
              <th scope="col" key={s.name}>
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {xs.map((x) => (
            <tr key={x}>
              <th scope="row">{formatX(x)}</th>
              {series.map((s) => {
                const y = valueAt(s, x);
                return <td key={s.name}>{y === null ? noValue : formatY(y)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
