import type { EChartsCoreOption } from '../../components/charts/EChart';
import { categoryLabel, type BarCategory } from './figures';

/** The second chart colour (charts.css / echarts-setup): the own organisation's bars in a one-series chart. */
const OWN_COLOUR = '#b34700';

export interface BarSeries {
  name: string;
  /** One value per category; null: no bar (suppressed), never drawn as 0. */
  values: ReadonlyArray<number | null>;
}

/**
 * Horizontal bars, one row per category (long system names stay readable), first category on top. In a one-series
 * chart the own organisation's bars have their own colour; in every chart their labels say "(jer)", so the mark does
 * not rest on colour alone.
 */
export function horizontalBars(
  categories: readonly BarCategory[],
  series: readonly BarSeries[],
  words: { own: string; suppressed: string },
  options: { stacked?: boolean; formatValue?: (value: number) => string; max?: number } = {},
): EChartsCoreOption {
  const labels = categories.map((c) => categoryLabel(c, words));
  const format = options.formatValue ?? ((value: number) => String(value));
  return {
    grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 8, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { top: 0 } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', max: options.max, axisLabel: { formatter: format } },
    yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: 220, overflow: 'truncate' } },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: options.stacked ? 'total' : undefined,
      data: s.values.map((value, i) => (series.length === 1 && categories[i].own ? { value, itemStyle: { color: OWN_COLOUR } } : value)),
    })),
  };
}

/** A timeline: one line per category, points on their day; two point series told apart by symbol and colour. */
export function timelineOption(
  lines: readonly string[],
  points: ReadonlyArray<{ name: string; own: boolean; data: ReadonlyArray<{ value: [string, number]; label: string }> }>,
  range?: { from: string; to: string },
): EChartsCoreOption {
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 40, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: 'item' },
    dataZoom: [{ type: 'slider', xAxisIndex: 0, height: 16, bottom: 8 }],
    xAxis: { type: 'time', min: range?.from, max: range?.to },
    yAxis: { type: 'category', inverse: true, data: [...lines], axisLabel: { width: 200, overflow: 'truncate' } },
    series: points.map((p) => ({
      type: 'scatter',
      name: p.name,
      symbol: p.own ? 'diamond' : 'circle',
      symbolSize: p.own ? 14 : 10,
      data: p.data.map((d) => ({ value: d.value, name: d.label })),
    })),
  };
}
