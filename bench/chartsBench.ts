// Size of the charts payload (compileCharts output, saved into the notebook on every run) as the
// partitions grow: an engine run (100 ms tick, 60 s measure) and a worst case where every counter
// changes at every tick. "per-line only" is the same run with the per-line point budget alone
// (no per-chart total), to show what the total saves. Prints figures; asserts nothing.

import { buildRunCharts, type RunChartsOptions } from '../src/analysis/charts/buildRunCharts';
import { compileCharts } from '../src/analysis/charts/compileCharts';
import { runToEnd } from '../src/engine/simulation';
import type { RunEvent } from '../src/format/runEvents';
import { noisyRun } from '../test/unit/helpers/chartsSampleEvents';
import { specFor } from '../test/unit/helpers/specFor';

const PARTITIONS = [4, 16, 64];
const TICK_MS = 100;
const MEASURE_S = 60;

async function payloadFigures(events: readonly RunEvent[], options: RunChartsOptions) {
  const start = performance.now();
  const charts = buildRunCharts(events, options);
  const payload = await compileCharts(charts);
  const ms = performance.now() - start;
  const points = charts.map((c) => (c.spec.datasets?.series as unknown[] | undefined)?.length ?? 0);
  return { bytes: JSON.stringify(payload).length, points, ms };
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`.padStart(10);

async function report(label: string, runOf: (partitions: number) => RunEvent[]): Promise<void> {
  console.log(`${label}, with itself as the baseline (5 charts)`);
  console.log('partitions   ticks      payload   per-line only   build+compile ms   points per chart (completed, rejects, backlog, families, baseline)');
  for (const partitions of PARTITIONS) {
    const events = runOf(partitions);
    const ticks = events.filter((e) => e.type === 'tick').length;
    const now = await payloadFigures(events, { baseline: { events } });
    const perLineOnly = await payloadFigures(events, { baseline: { events }, chartPointBudget: 10 ** 9 });
    console.log(
      `${String(partitions).padStart(10)}   ${String(ticks).padStart(5)}   ${kb(now.bytes)}      ${kb(perLineOnly.bytes)}   ${now.ms.toFixed(0).padStart(16)}   ${now.points.join(', ')}`,
    );
  }
}

export async function chartsBench(): Promise<void> {
  await report(`engine steady preset, ${TICK_MS} ms tick, ${MEASURE_S} s measure`, (partitions) =>
    runToEnd(specFor('steady', { partitions, tickMs: TICK_MS, warmupS: 3, measureS: MEASURE_S, cooldownS: 10 })),
  );
  await report(`every counter changing at every tick, ${TICK_MS} ms tick, 300 s`, (partitions) =>
    noisyRun({ ticks: 3000, partitions, dt: TICK_MS / 1000 }),
  );
}
