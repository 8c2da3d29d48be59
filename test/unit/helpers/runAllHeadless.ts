// A notebook after Run All, made without VS Code: each scenario cell with the outputs a run saves
// (savedRunOutputs.ts), a sweep cell with a sweep's (liveSweepOutput.ts: the headline tagged with
// the cell text, the chart, the table) and a capacity search cell with a search's
// (searchCellRun.ts, liveSearchOutput.ts: the answer tagged with the cell text, the probes' values
// and the capacity to pin, the charts, the table), every point and probe run in this thread (a
// search's rounds as many probes wide as the editor's, one per core). For the size of session6 on
// disk (session6Size.unit.test.ts, `npm run bench`); test/vscode/firstRun.vscode.test.ts measures
// the file a real Run All saves.

import { buildSweepCharts } from '../../../src/charts/sweepCharts';
import { compileCharts } from '../../../src/charts/compileCharts';
import { formatSweepHeadlineMarkdown, type SweepFacts } from '../../../src/report/sweepReport';
import { formatSweepTableMarkdown, inGridOrder, sweepMetricColumns } from '../../../src/report/sweepTable';
import type { SweepRow } from '../../../src/analysis/sweepTypes';
import { CHARTS_MIME } from '../../../src/contracts/chartsPayload';
import { outputItemFromBytes } from '../../../src/format/outputItemCodec';
import type { StressnbNotebook, StressnbOutput } from '../../../src/format/stressnbFile';
import { sweepOutputMetadata } from '../../../src/contracts/sweepOutput';
import { parseScenarioSpec } from '../../../src/spec/parseScenarioSpec';
import { pointParams, pointAssignments, type SweepPlan } from '../../../src/spec/sweepGrid';
import type { Expectations } from '../../../src/spec/scenarioSpec';
import { runSweepPoint } from '../../../src/sweep/runSweepPoint';
import { capacityFound, evaluateCapacityThreshold } from '../../../src/analysis/searchCapacity';
import { buildSearchCharts } from '../../../src/charts/searchCharts';
import { searchOutputMetadata } from '../../../src/contracts/searchOutput';
import { foundCapacity, formatSearchHeadlineMarkdown, type SearchFacts } from '../../../src/report/searchReport';
import { formatSearchTableMarkdown } from '../../../src/report/searchTable';
import type { SearchPlan } from '../../../src/spec/searchPlan';
import { runSearchProbe } from '../../../src/sweep/runSearchProbe';
import { startSearch } from '../../../src/sweep/searchRun';
import { defaultSweepThreads } from '../../../src/sweep/workerPool';
import { savedRunOutputs, textOutput } from './savedRunOutputs';

export async function runAllHeadless(notebook: StressnbNotebook): Promise<StressnbNotebook> {
  const cells = [];
  for (const cell of notebook.cells) {
    if (cell.kind !== 'scenario') {
      cells.push(cell);
      continue;
    }
    const { spec, sweep, search } = parseScenarioSpec(cell.source);
    if (!spec) throw new Error(`a scenario cell has errors: ${cell.source}`);
    const outputs = sweep
      ? await sweepOutputs(cell.source, sweep, spec.expect, spec.scenario)
      : search
        ? await searchOutputs(search, spec.scenario)
        : await savedRunOutputs(cell.source);
    cells.push({ ...cell, outputs });
  }
  return { ...notebook, cells };
}

async function sweepOutputs(text: string, plan: SweepPlan, expect: Expectations, scenario: string): Promise<StressnbOutput[]> {
  const rows: SweepRow[] = Array.from({ length: plan.size }, (_, index) => ({
    ...runSweepPoint(text, pointAssignments(plan.axes, index)),
    index,
    params: pointParams(plan.axes, index),
  }));
  const metrics = sweepMetricColumns(expect);
  const ordered = inGridOrder(rows);
  const facts: SweepFacts = {
    hasThresholds: Object.keys(expect).length > 0,
    scenario,
    axes: plan.axes,
    total: plan.size,
    rows,
    state: { state: 'finished' },
  };
  const chart = await compileCharts(buildSweepCharts(plan.axes, ordered, { metrics }));
  return [
    { ...textOutput('text/markdown', formatSweepHeadlineMarkdown(facts)), metadata: sweepOutputMetadata(plan.text) },
    { items: [outputItemFromBytes(CHARTS_MIME, new TextEncoder().encode(JSON.stringify(chart, undefined, '\t')))] },
    textOutput(
      'text/markdown',
      `#### Points (${ordered.length} of ${plan.size})\n\n${formatSweepTableMarkdown(plan.axes, ordered, metrics)}`,
    ),
  ];
}

/** As the editor ends a search with nothing pinned (searchCellRun.ts, LiveSearchOutput.finish). */
async function searchOutputs(plan: SearchPlan, scenario: string): Promise<StressnbOutput[]> {
  const runner = {
    slots: defaultSweepThreads(),
    failed: new Promise<string>(() => {}),
    run: async (value: number) => runSearchProbe(plan, value),
    stop: async () => {},
  };
  const { end, probes } = await startSearch(plan, runner).result;
  const found = end.state === 'finished' ? foundCapacity(plan, probes) : undefined;
  const threshold = end.state === 'finished' ? evaluateCapacityThreshold(plan, found?.sustained.value, undefined) : undefined;
  const pin = end.state === 'finished' ? capacityFound(plan, probes) : undefined;
  const facts: SearchFacts = { plan, probes, state: end, scenario, ...(threshold ? { capacity: threshold } : {}) };
  const values: number[] = [];
  for (const p of probes) values[p.index] = p.value;
  const metadata = searchOutputMetadata({ cellText: plan.text, values, scenario, ...(pin ? { capacity: pin } : {}) });
  const charts = probes.length > 0 ? [{ items: [jsonItem(CHARTS_MIME, await compileCharts(buildSearchCharts(plan, probes)))] }] : [];
  return [
    { ...textOutput('text/markdown', formatSearchHeadlineMarkdown(facts)), metadata: metadata as unknown as StressnbOutput['metadata'] },
    ...charts,
    textOutput('text/markdown', `#### Probes (${probes.length})\n\n${formatSearchTableMarkdown(plan, probes)}`),
  ];
}

function jsonItem(mime: string, value: unknown) {
  return outputItemFromBytes(mime, new TextEncoder().encode(JSON.stringify(value, undefined, '\t')));
}
