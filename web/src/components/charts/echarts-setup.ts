/**
 * ECharts, tree-shaken to what the client's charts use and drawn on canvas. Imported only through a dynamic import from
 * EChart.tsx, so the library lands in its own chunk that pages without charts never load.
 */
import { init, use as register, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import {
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

register([
  BarChart,
  CustomChart,
  LineChart,
  ScatterChart,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type { ECharts, EChartsCoreOption };

/** Colours from DKFDS's palette, each at least 3:1 against white (WCAG 1.4.11); the same as charts.css. */
export const CHART_COLOURS = ['#0059b3', '#b34700', '#00703c', '#6b1f8a', '#8a6d00', '#a3172e'];

/** A chart in `element`, on canvas, with the client's colours and font. */
export function createChart(element: HTMLElement): ECharts {
  return init(element, undefined, { renderer: 'canvas' });
}
