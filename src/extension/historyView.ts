// "Show Run History": the runs of a scenario from the workspace's run history (runHistory.ts) in a
// new, untitled stress notebook: a table of the runs, then a trend chart per metric (a point per
// run, a repeated run's min-max as a band, the pinned baseline as a dashed rule). Picking two runs
// (in the same command, or "Compare Two Runs from History…") adds their comparison: completed/s
// per partition overlaid (base dashed, candidate solid) and the table of `stressnb compare`.
// The command takes `{ scenario, compare: [n, m] }` to skip its pickers (tests, scripts). The view
// is a read-only notebook in memory (viewDocuments.ts).

import * as vscode from 'vscode';
import { compareRuns, configDifferenceNotes } from '../analysis/runComparison';
import { buildOverlayChart, buildTrendCharts } from '../charts/historyCharts';
import { compileCharts } from '../charts/compileCharts';
import type { ChartSpec } from '../charts/chartSpec';
import { CHARTS_MIME } from '../contracts/chartsPayload';
import type { HistoryEntry } from '../format/historyEntry';
import { formatComparisonMarkdown } from '../report/comparisonText';
import { formatHistoryMarkdown } from '../report/historyText';
import { baselineFor } from './baselines';
import { NOTEBOOK_TYPE, SCENARIO_LANGUAGE, VIEW_METADATA_KEY } from './extensionIds';
import { readHistory } from './runHistory';
import { openViewNotebook } from './viewDocuments';

export interface ShowHistoryArgs {
  scenario?: string;
  /** Entry numbers of two runs to compare (base first). */
  compare?: [number, number];
}

interface Numbered {
  n: number;
  entry: HistoryEntry;
}

export function registerHistoryView(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('stressnb.showRunHistory', (args?: ShowHistoryArgs) => showRunHistory(args)),
    vscode.commands.registerCommand('stressnb.compareHistoryRuns', (args?: ShowHistoryArgs) =>
      showRunHistory({ ...args, compare: args?.compare }, true),
    ),
  );
}

function folderInView(): vscode.WorkspaceFolder | undefined {
  const active = vscode.window.activeNotebookEditor?.notebook;
  return (active && vscode.workspace.getWorkspaceFolder(active.uri)) ?? vscode.workspace.workspaceFolders?.[0];
}

async function showRunHistory(args: ShowHistoryArgs = {}, compareOnly = false): Promise<vscode.NotebookDocument | undefined> {
  const folder = folderInView();
  if (!folder) {
    void vscode.window.showInformationMessage('Open a workspace folder: the run history is kept in it (.stressnb/history.jsonl).');
    return undefined;
  }
  const { file, read } = await readHistory(folder);
  if (!file) {
    void vscode.window.showInformationMessage('The run history is off (the setting stressnb.history.enabled).');
    return undefined;
  }
  if (read.entries.length === 0) {
    void vscode.window.showInformationMessage(
      `No runs in the history yet (${vscode.workspace.asRelativePath(file, false)}): every finished run of a scenario cell adds one.`,
    );
    return undefined;
  }
  const all: Numbered[] = read.entries.map((entry, i) => ({ n: i + 1, entry }));
  const scenario = args.scenario ?? (await pickScenario(all));
  if (!scenario) return undefined;
  const runs = all.filter((x) => x.entry.scenario === scenario);
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`No runs of scenario ${scenario} in the history.`);
    return undefined;
  }
  const where = vscode.workspace.asRelativePath(file, false);
  const cells = compareOnly ? [] : await trendCells(scenario, runs, where, read.problems.length);
  const pair = args.compare ?? (await pickTwo(runs));
  if (pair) {
    const [a, b] = pair.map((n) => runs.find((x) => x.n === n));
    if (!a || !b) void vscode.window.showWarningMessage(`The history has no run #${!a ? pair[0] : pair[1]} of scenario ${scenario}.`);
    else cells.push(...(await comparisonCells(a, b)));
  }
  if (cells.length === 0) return undefined;
  return openViewNotebook(`${scenario} run history`, new vscode.NotebookData(cells));
}

async function pickScenario(all: Numbered[]): Promise<string | undefined> {
  const counts = new Map<string, number>();
  for (const { entry } of all) counts.set(entry.scenario, (counts.get(entry.scenario) ?? 0) + 1);
  if (counts.size === 1) return [...counts.keys()][0];
  const picked = await vscode.window.showQuickPick(
    [...counts].map(([label, n]) => ({ label, description: `${n} run${n === 1 ? '' : 's'}` })),
    { title: 'Run history: which scenario?' },
  );
  return picked?.label;
}

async function pickTwo(runs: Numbered[]): Promise<[number, number] | undefined> {
  if (runs.length < 2) return undefined;
  const items = [...runs].reverse().map(({ n, entry }) => ({
    label: `#${n} ${entry.verdict.toUpperCase()}`,
    description: `${entry.time.replace('T', ' ').replace(/\.\d+Z$|Z$/, '')} · ${entry.runs} run${entry.runs === 1 ? '' : 's'} · completed/s ${entry.metrics.completedPerS?.toFixed(1) ?? '—'}`,
    detail: [
      entry.git ? `commit ${entry.git.commit.slice(0, 10)}` : undefined,
      entry.notebook ? `${entry.notebook}#cell${entry.cell}` : entry.file,
    ]
      .filter(Boolean)
      .join(' · '),
    n,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Pick two runs to compare (the older is the base), or Escape to see the trend only',
    canPickMany: true,
  });
  if (!picked || picked.length !== 2) {
    if (picked && picked.length > 0) void vscode.window.showInformationMessage('Pick exactly two runs to compare them.');
    return undefined;
  }
  const [a, b] = picked.map((p) => p.n).sort((x, y) => x - y);
  return [a, b];
}

function viewCell(text: string, outputs: vscode.NotebookCellOutput[]): vscode.NotebookCellData {
  const cell = new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, SCENARIO_LANGUAGE);
  cell.outputs = outputs;
  cell.metadata = { [VIEW_METADATA_KEY]: 'history' };
  return cell;
}

async function chartsOutput(charts: ChartSpec[]): Promise<vscode.NotebookCellOutput> {
  return new vscode.NotebookCellOutput([vscode.NotebookCellOutputItem.json(await compileCharts(charts), CHARTS_MIME)]);
}

async function trendCells(scenario: string, runs: Numbered[], where: string, problems: number): Promise<vscode.NotebookCellData[]> {
  const active = vscode.window.activeNotebookEditor?.notebook;
  const pinned = active && active.notebookType === NOTEBOOK_TYPE ? baselineFor(active, scenario) : undefined;
  const metrics =
    pinned && typeof pinned.summary === 'object' && pinned.summary !== null
      ? ((pinned.summary as { metrics?: Record<string, unknown> }).metrics ?? {})
      : undefined;
  const entries = runs.map((x) => x.entry);
  const numbers = runs.map((x) => x.n);
  const intro = [
    `# Run history: ${scenario}`,
    '',
    `${runs.length} run${runs.length === 1 ? '' : 's'} of ${scenario} in \`${where}\`, oldest first${problems > 0 ? ` (${problems} unreadable line${problems === 1 ? '' : 's'} skipped)` : ''}.` +
      ` A repeated run shows its median and [min–max].${pinned ? ` The dashed rule is the pinned ${pinned.label}.` : ''}` +
      ` *Stressnb: Compare Two Runs from History…* compares two of them; \`stressnb compare ${where}@N ${where}@M\` does it in a terminal.`,
    '',
    formatHistoryMarkdown(entries, numbers),
  ].join('\n');
  return [
    new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, intro, 'markdown'),
    viewCell(`# Trends of ${scenario}: a chart per metric (this cell shows, it does not run)`, [
      await chartsOutput(buildTrendCharts(entries, numbers, metrics ? { baseline: { label: pinned!.label, metrics } } : {})),
    ]),
  ];
}

function runLabel({ n, entry }: Numbered): string {
  return `#${n} ${entry.time.slice(0, 16).replace('T', ' ')}${entry.git ? ` ${entry.git.commit.slice(0, 7)}` : ''}`;
}

async function comparisonCells(base: Numbered, candidate: Numbered): Promise<vscode.NotebookCellData[]> {
  const sample = (e: HistoryEntry) => (e.repeats && e.repeats.length > 0 ? e.repeats : [e.metrics]);
  const comparison = compareRuns(sample(base.entry), sample(candidate.entry));
  comparison.notes.push(...configDifferenceNotes([base.entry.config ?? {}], [candidate.entry.config ?? {}]));
  const labels = { base: runLabel(base), candidate: runLabel(candidate) };
  const table = formatComparisonMarkdown(comparison, labels);
  return [
    new vscode.NotebookCellData(
      vscode.NotebookCellKind.Markup,
      `## Run ${labels.base} against run ${labels.candidate}\n\n${table}`,
      'markdown',
    ),
    viewCell(`# ${labels.base} (base, dashed) against ${labels.candidate} (candidate, solid) (this cell shows, it does not run)`, [
      await chartsOutput([
        buildOverlayChart({ label: labels.base, entry: base.entry }, { label: labels.candidate, entry: candidate.entry }),
      ]),
    ]),
  ];
}
