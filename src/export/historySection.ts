// The run history in a session report: for each scenario of the notebook that has runs in the
// history, the table of its runs, a trend chart per metric, and the comparison of its last two
// runs (the previous one as the base) with their series overlaid: what changed since last time,
// and whether it is more than the noise.

import { compareRuns, configDifferenceNotes } from '../analysis/runComparison';
import { compileCharts } from '../charts/compileCharts';
import { buildOverlayChart, buildTrendCharts } from '../charts/historyCharts';
import type { HistoryEntry } from '../format/historyEntry';
import { formatComparisonMarkdown } from '../report/comparisonText';
import { formatHistoryMarkdown } from '../report/historyText';
import type { HistorySection } from './exportModel';

/** Runs of one scenario shown in a report's table and trend (the latest). */
const MAX_RUNS = 50;

export async function historySections(
  entries: readonly HistoryEntry[],
  scenarios: readonly string[],
  file: string,
): Promise<HistorySection[]> {
  const sections: HistorySection[] = [];
  for (const scenario of [...new Set(scenarios)]) {
    const all = entries.map((entry, i) => ({ entry, n: i + 1 })).filter((x) => x.entry.scenario === scenario);
    if (all.length === 0) continue;
    const shown = all.slice(-MAX_RUNS);
    const list = shown.map((x) => x.entry);
    const numbers = shown.map((x) => x.n);
    const section: HistorySection = {
      scenario,
      file,
      runs: all.length,
      tableMarkdown: formatHistoryMarkdown(list, numbers),
      trend: await compileCharts(buildTrendCharts(list, numbers)),
    };
    if (all.length >= 2) {
      const [base, candidate] = all.slice(-2);
      const sample = (e: HistoryEntry) => (e.repeats && e.repeats.length > 0 ? e.repeats : [e.metrics]);
      const comparison = compareRuns(sample(base.entry), sample(candidate.entry));
      comparison.notes.push(...configDifferenceNotes([base.entry.config ?? {}], [candidate.entry.config ?? {}]));
      const labels = {
        base: `#${base.n} (${base.entry.time.slice(0, 16).replace('T', ' ')})`,
        candidate: `#${candidate.n} (${candidate.entry.time.slice(0, 16).replace('T', ' ')})`,
      };
      section.comparison = {
        title: `The last run (#${candidate.n}) against the one before (#${base.n})`,
        markdown: formatComparisonMarkdown(comparison, labels),
        charts: await compileCharts([
          buildOverlayChart({ label: labels.base, entry: base.entry }, { label: labels.candidate, entry: candidate.entry }),
        ]),
      };
    }
    sections.push(section);
  }
  return sections;
}
