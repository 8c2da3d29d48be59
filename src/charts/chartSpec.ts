// A chart as Vega-Lite (a sweep's, sweepCharts.ts), which compileCharts.ts compiles to Vega for a
// version-1 charts payload. Run charts are not Vega-Lite: their Vega is built where they are drawn
// (runChartVega.ts).

import type { TopLevelSpec } from 'vega-lite';

export interface ChartSpec {
  /** Stable across the updates of one sweep: the renderer updates a chart in place by id. */
  id: string;
  title: string;
  /** The Vega-Lite spec; absent when the chart has nothing to show. */
  spec?: TopLevelSpec;
  /** One line that stands for a chart with nothing to show. */
  note?: string;
}
