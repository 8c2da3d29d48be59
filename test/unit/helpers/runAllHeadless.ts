// A notebook after Run All, made without VS Code: each scenario cell with the outputs a run saves
// (savedRunOutputs.ts), a sweep cell with a sweep's (liveSweepOutput.ts: the headline tagged
// with the cell text, the chart, the table), every point run in this thread, and a search cell
// with a search's (liveSearchOutput.ts: the answer tagged with the cell text, the probes' values
// and the capacity found, the charts, the table), two probes a round as on two cores. For `npm run bench`'s
// figure of session6's size on disk; test/vscode/firstRun.vscode.test.ts measures the file a real
// Run All saves.

import { capacityFound } from '../../../src/analysis/searchCapacity';
import { nextProbeValues } from '../../../src/analysis/searchSteps';
import type { SearchProbe } from '../../../src/analysis/searchTypes';
import { buildSearchCharts } from '../../../src/charts/searchCharts';
import { buildSweepCharts } from '../../../src/charts/sweepCharts';
import { searchOutputMetadata } from '../../../src/contracts/searchOutput';
import { formatSearchHeadlineMarkdown, type SearchFacts } from '../../../src/report/searchReport';
import { formatSearchTableMarkdown } from '../../../src/report/searchTable';
import type { SearchPlan } from '../../../src/spec/searchPlan';
import { runSearchProbe } from '../../../src/sweep/runSearchProbe';
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
    cells.push({
      ...cell,
      outputs: sweep
        ? await sweepOutputs(cell.source, sweep, spec.expect, spec.scenario)
        : search
          ? await searchOutputs(search, spec.scenario)
          : await savedRunOutputs(cell.source),
    });
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

async function searchOutputs(plan: SearchPlan, scenario: string): Promise<StressnbOutput[]> {
  const probes: SearchProbe[] = [];
  for (let round = 1; ; round++) {
    const values = nextProbeValues(plan, probes, 2);
    if (values.length === 0) break;
    for (const value of values) probes.push({ index: probes.length, value, round, ...runSearchProbe(plan, value) });
  }
  const facts: SearchFacts = { plan, probes, state: { state: 'finished' }, scenario };
  const capacity = capacityFound(plan, probes);
  const metadata = searchOutputMetadata({
    cellText: plan.text,
    values: probes.map((p) => p.value),
    scenario,
    ...(capacity ? { capacity } : {}),
  });
  const charts = await compileCharts(buildSearchCharts(plan, probes));
  return [
    { ...textOutput('text/markdown', formatSearchHeadlineMarkdown(facts)), metadata },
    { items: [outputItemFromBytes(CHARTS_MIME, new TextEncoder().encode(JSON.stringify(charts, undefined, '\t')))] },
    textOutput('text/markdown', `#### Probes (${probes.length})\n\n${formatSearchTableMarkdown(plan, probes)}`),
  ];
}
