// A notebook after Run All, made without VS Code: each scenario cell with the outputs a run saves
// (savedRunOutputs.ts) and a sweep cell with a sweep's (liveSweepOutput.ts: the headline tagged
// with the cell text, the chart, the table), every point run in this thread. For `npm run bench`'s
// figure of session6's size on disk; test/vscode/firstRun.vscode.test.ts measures the file a real
// Run All saves.

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
import { savedRunOutputs, textOutput } from './savedRunOutputs';

export async function runAllHeadless(notebook: StressnbNotebook): Promise<StressnbNotebook> {
  const cells = [];
  for (const cell of notebook.cells) {
    if (cell.kind !== 'scenario') {
      cells.push(cell);
      continue;
    }
    const { spec, sweep } = parseScenarioSpec(cell.source);
    if (!spec) throw new Error(`a scenario cell has errors: ${cell.source}`);
    cells.push({
      ...cell,
      outputs: sweep ? await sweepOutputs(cell.source, sweep, spec.expect, spec.scenario) : await savedRunOutputs(cell.source),
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
