// Size of the charts payload (the run's figures, saved into the notebook on every run) as the
// partitions grow: an engine run (100 ms tick, 60 s measure) and a worst case where every counter
// changes at every tick. "per-line only" is the same run with the per-line point budget alone
// (no per-chart total), to show what the total saves; "as Vega" the same charts as compiled Vega
// specs with their data (what a run saved before payload version 2). Then the cost of one live
// chart update at 64 partitions near the end of those runs: rebuilt from every event so far (what
// a running cell did before it kept one tick series per run) against the run's series, fed as
// events arrive, with its chart rows kept between updates (what it does now), and the renderer's
// side of it, the Vega specs built from the payload. Last, the size on disk of
// notebooks/session6.stressnb after Run All (its outputs made without VS Code, item for item those
// the editor saves: test/unit/helpers/runAllHeadless.ts), and with its run charts as compiled Vega.
// Prints figures; asserts nothing.

import { buildRunCharts, buildRunChartsFromSeries, type RunChartsOptions } from '../src/charts/buildRunCharts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChartRows } from '../src/charts/chartData';
import { chartsToDraw, linePoints } from '../src/charts/chartsToDraw';
import { compileCharts } from '../src/charts/compileCharts';
import { CHARTS_MIME, readChartsPayload, type RunChartsPayload } from '../src/contracts/chartsPayload';
import { outputItemFromBytes } from '../src/format/outputItemCodec';
import { parseStressnb, serializeStressnb, type StressnbNotebook } from '../src/format/stressnbFile';
import { runAllHeadless } from '../test/unit/helpers/runAllHeadless';
import { decodeNumbers } from '../src/contracts/numberList';
import { RunTranscript } from '../src/report/runTranscript';
import { runToEnd } from '../src/engine/simulation';
import type { RunEvent } from '../src/format/runEvents';
import { noisyRun } from '../test/unit/helpers/chartsSampleEvents';
import { runChartVegaLite } from '../test/unit/helpers/runChartVegaLite';
import { specFor } from '../test/unit/helpers/specFor';

const PARTITIONS = [4, 16, 64];
const TICK_MS = 100;
const MEASURE_S = 60;
const LIVE_PARTITIONS = 64;
/** Live updates timed, each after one more second of events (about one update a second). */
const LIVE_UPDATES = 5;

async function payloadFigures(events: readonly RunEvent[], options: RunChartsOptions) {
  const start = performance.now();
  const payload = buildRunCharts(events, options);
  const ms = performance.now() - start;
  const times = decodeNumbers(payload.t);
  const points = payload.charts.map((c) => (c.note === undefined ? linePoints(c, times).length : 0));
  return { bytes: JSON.stringify(payload).length, asVega: JSON.stringify(await asCompiledVega(payload)).length, points, ms };
}

/** The same charts as the version-1 payload a run saved before: compiled Vega with the data inline. */
export function asCompiledVega(payload: RunChartsPayload) {
  const times = decodeNumbers(payload.t);
  return compileCharts(
    payload.charts.map((c) =>
      c.note !== undefined
        ? c
        : {
            id: c.id,
            title: c.title,
            spec: runChartVegaLite(c, {
              points: linePoints(c, times),
              phases: payload.phases,
              hints: payload.hints,
              timeEnd: payload.timeEnd,
            }),
          },
    ),
  );
}

const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KiB`.padStart(10);

async function report(label: string, runOf: (partitions: number) => RunEvent[]): Promise<void> {
  console.log(`${label}, with itself as the baseline (5 charts)`);
  console.log(
    'partitions   ticks      payload   per-line only      as Vega   build ms   points per chart (completed, rejects, backlog, families, baseline)',
  );
  for (const partitions of PARTITIONS) {
    const events = runOf(partitions);
    const ticks = events.filter((e) => e.type === 'tick').length;
    const now = await payloadFigures(events, { baseline: { events } });
    const perLineOnly = await payloadFigures(events, { baseline: { events }, chartPointBudget: 10 ** 9 });
    console.log(
      `${String(partitions).padStart(10)}   ${String(ticks).padStart(5)}   ${kb(now.bytes)}      ${kb(perLineOnly.bytes)}   ${kb(now.asVega)}   ${now.ms.toFixed(0).padStart(8)}   ${now.points.join(', ')}`,
    );
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Median ms of one live update over the last LIVE_UPDATES seconds of a run: the extension's
 * payload (from every event so far, and from the run's series with kept rows), and the
 * renderer's Vega specs built from it.
 */
async function liveUpdateMs(
  events: readonly RunEvent[],
): Promise<{ fromEvents: number; fromSeries: number; toVega: number; ticks: number }> {
  const tickEnds = events.flatMap((e, i) => (e.type === 'tick' ? [i + 1] : []));
  const perSecond = 1000 / TICK_MS;
  const cuts = Array.from({ length: LIVE_UPDATES }, (_, k) => tickEnds[tickEnds.length - 1 - (LIVE_UPDATES - 1 - k) * perSecond]);
  const baseline = { totals: [{ t: 0, completedPerS: 0 }] };
  const transcript = new RunTranscript();
  const rows = new ChartRows();
  transcript.push(events.slice(0, cuts[0] - perSecond));
  buildRunChartsFromSeries(transcript.series, { rows, baseline });
  const fromSeries: number[] = [];
  const fromEvents: number[] = [];
  const toVega: number[] = [];
  let pushed = cuts[0] - perSecond;
  for (const cut of cuts) {
    let start = performance.now();
    transcript.push(events.slice(pushed, cut));
    const payload = buildRunChartsFromSeries(transcript.series, { rows, baseline });
    fromSeries.push(performance.now() - start);
    pushed = cut;
    start = performance.now();
    chartsToDraw(JSON.parse(JSON.stringify(payload)));
    toVega.push(performance.now() - start);
    start = performance.now();
    buildRunCharts(events.slice(0, cut), { baseline });
    fromEvents.push(performance.now() - start);
  }
  return { fromEvents: median(fromEvents), fromSeries: median(fromSeries), toVega: median(toVega), ticks: tickEnds.length };
}

async function reportLiveUpdate(label: string, events: readonly RunEvent[]): Promise<void> {
  const { fromEvents, fromSeries, toVega, ticks } = await liveUpdateMs(events);
  console.log(
    `live chart update, ${LIVE_PARTITIONS} partitions, ${label} (${ticks} ticks): rebuilt from every event ${fromEvents.toFixed(1)} ms, ` +
      `from the run's series with kept rows ${fromSeries.toFixed(1)} ms; the renderer's Vega from the payload ${toVega.toFixed(1)} ms (median of ${LIVE_UPDATES})`,
  );
}

/** session6 after Run All: its size on disk, its charts' share, and the same with the run charts as compiled Vega. */
async function reportSession6(): Promise<void> {
  const parsed = parseStressnb(readFileSync(join(__dirname, '..', 'notebooks', 'session6.stressnb'), 'utf8'));
  if (!parsed.ok) throw new Error(`notebooks/session6.stressnb: ${parsed.error.message}`);
  const notebook = await runAllHeadless(parsed.notebook);
  const size = (nb: StressnbNotebook) => Buffer.byteLength(serializeStressnb(nb));
  const withoutCharts = {
    ...notebook,
    cells: notebook.cells.map((c) => ({
      ...c,
      outputs: c.outputs?.map((o) => ({ ...o, items: o.items.filter((i) => i.mime !== CHARTS_MIME) })),
    })),
  };
  const asVega = { ...notebook, cells: [] as StressnbNotebook['cells'] };
  for (const cell of notebook.cells) {
    const outputs = [];
    for (const output of cell.outputs ?? []) {
      const items = [];
      for (const item of output.items) {
        const payload = item.mime === CHARTS_MIME ? readChartsPayload(item.data) : undefined;
        items.push(
          payload?.version === 2
            ? outputItemFromBytes(CHARTS_MIME, new TextEncoder().encode(JSON.stringify(await asCompiledVega(payload), undefined, '\t')))
            : item,
        );
      }
      outputs.push({ ...output, items });
    }
    asVega.cells.push({ ...cell, ...(cell.outputs ? { outputs } : {}) });
  }
  const all = size(notebook);
  console.log(
    `notebooks/session6.stressnb after Run All: ${kb(all).trim()} on disk (its charts ${kb(all - size(withoutCharts)).trim()}); ` +
      `with its run charts as compiled Vega (as saved before charts payload version 2) ${kb(size(asVega)).trim()}`,
  );
}

export async function chartsBench(): Promise<void> {
  await reportSession6();
  console.log('');
  const engineRun = (partitions: number) =>
    runToEnd(specFor('steady', { partitions, tickMs: TICK_MS, warmupS: 3, measureS: MEASURE_S, cooldownS: 10 }));
  const noisy = (partitions: number) => noisyRun({ ticks: 3000, partitions, dt: TICK_MS / 1000 });
  await report(`engine steady preset, ${TICK_MS} ms tick, ${MEASURE_S} s measure`, engineRun);
  await report(`every counter changing at every tick, ${TICK_MS} ms tick, 300 s`, noisy);
  console.log('');
  await reportLiveUpdate('engine steady preset', engineRun(LIVE_PARTITIONS));
  await reportLiveUpdate('every counter changing', noisy(LIVE_PARTITIONS));
}
