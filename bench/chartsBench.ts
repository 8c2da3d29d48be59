// Size of the charts payload (compileCharts output, saved into the notebook on every run) as the
// partitions grow: an engine run (100 ms tick, 60 s measure) and a worst case where every counter
// changes at every tick. "per-line only" is the same run with the per-line point budget alone
// (no per-chart total), to show what the total saves. Then the cost of one live chart update at
// 64 partitions near the end of those runs: rebuilt from every event so far (what a running cell
// did before it kept one tick series per run) against the run's series, fed as events arrive,
// with its chart rows kept between updates (what it does now). Prints figures; asserts nothing.

import { buildRunCharts, buildRunChartsFromSeries, type RunChartsOptions } from '../src/charts/buildRunCharts';
import { ChartRows } from '../src/charts/chartData';
import { compileCharts } from '../src/charts/compileCharts';
import { RunTranscript } from '../src/report/runTranscript';
import { runToEnd } from '../src/engine/simulation';
import type { RunEvent } from '../src/format/runEvents';
import { noisyRun } from '../test/unit/helpers/chartsSampleEvents';
import { specFor } from '../test/unit/helpers/specFor';

const PARTITIONS = [4, 16, 64];
const TICK_MS = 100;
const MEASURE_S = 60;
const LIVE_PARTITIONS = 64;
/** Live updates timed, each after one more second of events (about one update a second). */
const LIVE_UPDATES = 5;

async function payloadFigures(events: readonly RunEvent[], options: RunChartsOptions) {
  const start = performance.now();
  const charts = buildRunCharts(events, options);
  const payload = await compileCharts(charts);
  const ms = performance.now() - start;
  const points = charts.map((c) => (c.spec?.datasets?.series as unknown[] | undefined)?.length ?? 0);
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

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Median ms of one live update (charts built and compiled) over the last LIVE_UPDATES seconds of a run. */
async function liveUpdateMs(events: readonly RunEvent[]): Promise<{ fromEvents: number; fromSeries: number; ticks: number }> {
  const tickEnds = events.flatMap((e, i) => (e.type === 'tick' ? [i + 1] : []));
  const perSecond = 1000 / TICK_MS;
  const cuts = Array.from({ length: LIVE_UPDATES }, (_, k) => tickEnds[tickEnds.length - 1 - (LIVE_UPDATES - 1 - k) * perSecond]);
  const baseline = { totals: [{ t: 0, completedPerS: 0 }] };
  const transcript = new RunTranscript();
  const rows = new ChartRows();
  transcript.push(events.slice(0, cuts[0] - perSecond));
  await compileCharts(buildRunChartsFromSeries(transcript.series, { rows, baseline }));
  const fromSeries: number[] = [];
  const fromEvents: number[] = [];
  let pushed = cuts[0] - perSecond;
  for (const cut of cuts) {
    let start = performance.now();
    transcript.push(events.slice(pushed, cut));
    await compileCharts(buildRunChartsFromSeries(transcript.series, { rows, baseline }));
    fromSeries.push(performance.now() - start);
    pushed = cut;
    start = performance.now();
    await compileCharts(buildRunCharts(events.slice(0, cut), { baseline }));
    fromEvents.push(performance.now() - start);
  }
  return { fromEvents: median(fromEvents), fromSeries: median(fromSeries), ticks: tickEnds.length };
}

async function reportLiveUpdate(label: string, events: readonly RunEvent[]): Promise<void> {
  const { fromEvents, fromSeries, ticks } = await liveUpdateMs(events);
  console.log(
    `live chart update, ${LIVE_PARTITIONS} partitions, ${label} (${ticks} ticks): rebuilt from every event ${fromEvents.toFixed(1)} ms, ` +
      `from the run's series with kept rows ${fromSeries.toFixed(1)} ms (median of ${LIVE_UPDATES}, build + compile)`,
  );
}

export async function chartsBench(): Promise<void> {
  const engineRun = (partitions: number) =>
    runToEnd(specFor('steady', { partitions, tickMs: TICK_MS, warmupS: 3, measureS: MEASURE_S, cooldownS: 10 }));
  const noisy = (partitions: number) => noisyRun({ ticks: 3000, partitions, dt: TICK_MS / 1000 });
  await report(`engine steady preset, ${TICK_MS} ms tick, ${MEASURE_S} s measure`, engineRun);
  await report(`every counter changing at every tick, ${TICK_MS} ms tick, 300 s`, noisy);
  console.log('');
  await reportLiveUpdate('engine steady preset', engineRun(LIVE_PARTITIONS));
  await reportLiveUpdate('every counter changing', noisy(LIVE_PARTITIONS));
}
