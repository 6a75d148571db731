import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { ECharts, EChartsCoreOption } from './echarts-setup';
import './charts.css';

export type { EChartsCoreOption };

/**
 * The option as drawn: the client's colours and font unless the option sets its own, and tooltips drawn on the canvas
 * (`renderMode: 'richText'`): ECharts' HTML tooltips carry inline style attributes, which the Content-Security-Policy
 * (style-src 'self') refuses.
 */
export function drawableOption(option: EChartsCoreOption, colours: readonly string[]): EChartsCoreOption {
  const tooltip = option.tooltip as Record<string, unknown> | undefined;
  return {
    color: [...colours],
    textStyle: { fontFamily: 'IBMPlexSans, system-ui, sans-serif', color: '#1a1a1a' },
    aria: { enabled: false },
    animation: false,
    ...option,
    ...(tooltip ? { tooltip: { ...tooltip, renderMode: 'richText' } } : {}),
  };
}

export interface EChartProps {
  /** What the chart shows, in words: the drawing's accessible name. */
  label: string;
  option: EChartsCoreOption;
  /** The drawing's height: small 14rem, medium 20rem (default), large 28rem. */
  size?: 'small' | 'medium' | 'large';
}

/**
 * An ECharts drawing (canvas). ECharts is loaded on first use, in its own chunk. The drawing is an image named by
 * `label`; screen readers and keyboard users get the numbers from the table that must stand beside it (ChartFigure).
 */
export function EChart({ label, option, size = 'medium' }: EChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const colours = useRef<readonly string[]>([]);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup').then(({ createChart, CHART_COLOURS }) => {
      if (disposed || !element.current) return;
      try {
        chart.current = createChart(element.current);
      } catch {
        return; // no canvas (e.g. a test DOM): the table beside the chart still has every number
      }
      colours.current = CHART_COLOURS;
      if (typeof ResizeObserver !== 'undefined') {
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(element.current);
      }
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(drawableOption(option, colours.current), true);
  }, [ready, option]);

  return (
    <div className={`echart echart--${size}`} role="img" aria-label={label} data-chart-ready={ready ? 'true' : 'false'}>
      <div ref={element} className="echart__canvas" aria-hidden="true" />
    </div>
  );
}

export interface ChartColumn {
  key: string;
  label: string;
  /** Right-aligned (numbers, amounts). */
  numeric?: boolean;
}

export interface ChartFigureProps extends Omit<EChartProps, 'label'> {
  /** The figure's caption, the drawing's accessible name and the table's caption. */
  title: string;
  /** A sentence saying what the chart shows (read before the drawing). */
  description?: ReactNode;
  /** The same numbers as the drawing. The first column is each row's header. */
  columns: ReadonlyArray<ChartColumn>;
  rows: ReadonlyArray<Record<string, ReactNode>>;
  /** A row to mark as the user's own (e.g. the organisation's position): bold, and "(jer)"-style text from the caller. */
  highlightRow?: number;
}

/** A chart with its table beside it: every chart in the client is one of these (WCAG 1.1.1, 1.3.1). */
export function ChartFigure({ title, description, columns, rows, highlightRow, ...chart }: ChartFigureProps) {
  const id = useId();
  return (
    <figure className="chart-figure" aria-labelledby={`${id}-title`}>
      <figcaption className="chart-figure__title" id={`${id}-title`}>
        {title}
      </figcaption>
      {description && <p className="chart-figure__description">{description}</p>}
      <div className="chart-figure__body">
        <EChart label={title} {...chart} />
        <div className="chart-figure__table">
          <table className="table table--compact table--zebra">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.key} scope="col" className={column.numeric ? 'chart-figure__number' : undefined}>
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} className={index === highlightRow ? 'chart-figure__own' : undefined}>
                  {columns.map((column, c) =>
                    c === 0 ? (
                      <th key={column.key} scope="row">
                        {row[column.key]}
                      </th>
                    ) : (
                      <td key={column.key} className={column.numeric ? 'chart-figure__number' : undefined}>
                        {row[column.key]}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </figure>
  );
}
