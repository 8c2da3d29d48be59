// The probes of a capacity search over a `source: command` cell: one at a time (the harness has
// the machine to itself, as the capacity it measures needs), each starting the command with the
// probe's value in place of `{key}` in its args and env, reading its counter lines to the end and
// judging the run like an engine probe. stop() ends the running command with its whole process
// tree, as an interrupted run does; its probe is not kept.

import { analyzeSearchProbe, failedProbe } from '../analysis/searchProbe';
import type { RunSummary } from '../analysis/reportTypes';
import type { ProbeResult } from '../analysis/searchTypes';
import { TickSeriesBuilder } from '../series/tickSeries';
import { configHeaderOf } from '../engine/configHeader';
import { errorMessage } from '../contracts/errorMessage';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { SearchPlan } from '../spec/searchPlan';
import { searchProbeSpecText } from '../spec/searchProbeSpec';
import type { CounterSource } from '../sources/counterSource';
import { createSource } from '../sources/createSource';
import type { ProbeRunner } from './probeRunner';
import { PoolStopped } from './workerPool';

export interface CommandProbeOptions {
  /** Where relative `cwd` resolves (the notebook's or spec file's folder). */
  baseDir: string;
  baselines?: Readonly<Record<string, RunSummary>>;
  /** Each line the command writes to its stderr (the CLI passes them on). */
  onStderrLine?(line: string): void;
}

export function commandProbes(plan: SearchPlan, options: CommandProbeOptions): ProbeRunner {
  let current: CounterSource | undefined;
  let stopped = false;
  return {
    slots: 1,
    failed: new Promise<string>(() => undefined),
    run: async (value) => {
      if (stopped) throw new PoolStopped();
      const { spec, problems } = parseScenarioSpec(searchProbeSpecText(plan, value));
      if (!spec || spec.source.kind !== 'command')
        return failedProbe(problems.find((p) => p.severity === 'error')?.message ?? 'its spec is invalid');
      const series = new TickSeriesBuilder();
      const source = createSource(spec.source, { baseDir: options.baseDir, fallbackConfig: configHeaderOf(spec) });
      current = source;
      try {
        source.start({ onEvents: (events) => events.forEach((e) => series.push(e)), onStderrLine: options.onStderrLine });
      } catch (error) {
        return failedProbe(`the command could not start: ${errorMessage(error)}`);
      }
      const result = await source.result;
      current = undefined;
      if (stopped || result.status === 'stopped') throw new PoolStopped();
      if (result.status === 'failed') {
        const tail = result.stderrTail.trimEnd().split('\n').slice(-3).join(' | ');
        return failedProbe(`${result.message ?? 'the command failed'}${tail ? ` (stderr: ${tail})` : ''}`);
      }
      if (series.series.byPartition.length === 0 || series.series.global.length === 0)
        return failedProbe(`the command printed no counter lines (${result.stats.lines} lines read)`);
      return analyzeSearchProbe(series.series, {
        until: plan.until,
        expect: spec.expect,
        baseline: options.baselines?.[String(series.series.config.scenario ?? spec.scenario)],
      });
    },
    stop: async () => {
      stopped = true;
      await current?.stop();
    },
  } satisfies ProbeRunner & { run(value: number): Promise<ProbeResult> };
}
