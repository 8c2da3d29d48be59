// The options that say what judges a run, shared by the commands that judge one: `--expect
// "METRIC OP VALUE"` (a threshold, checked here so a mistake is a usage error, exit 2, not a
// failed run) and `--scenario NAME` (whose checks apply).

import { didYouMean } from '../spec/editDistance';
import { SCENARIO_NAMES, type Expectations, type ScenarioName } from '../spec/scenarioSpec';
import { parseThreshold } from '../spec/thresholdExpression';
import { THRESHOLD_METRICS } from '../spec/thresholdMetrics';

/** Adds the threshold `value` ("completedPerS >= 500") to `expect`; returns an error message when it is not one. */
export function readExpectOption(value: string | undefined, expect: Expectations): string | undefined {
  const example = '"rejectPct < 1" or "completedPerS >= baseline - 10%"';
  if (value === undefined || value.trim() === '') return `--expect needs a threshold such as ${example}`;
  const m = /^\s*([A-Za-z][A-Za-z0-9]*)(.*)$/s.exec(value);
  if (!m) return `--expect "${value}": a threshold starts with a metric name (${THRESHOLD_METRICS.join(', ')}), such as ${example}`;
  const [, metric, rest] = m;
  if (!(THRESHOLD_METRICS as readonly string[]).includes(metric)) {
    return `--expect "${value}": unknown metric "${metric}"${didYouMean(metric, THRESHOLD_METRICS)} (metrics: ${THRESHOLD_METRICS.join(', ')})`;
  }
  const comparison = rest.trim();
  if (comparison === '')
    return `--expect "${value}": no comparison after ${metric}; write it as "${metric} >= 500" (<, <=, >, >=, == or != and a number, or baseline with a margin)`;
  const parsed = parseThreshold(comparison);
  if ('error' in parsed) return `--expect "${value}": ${parsed.error}`;
  expect[metric] = comparison;
  return undefined;
}

/** The scenario `value` names; else an error message. */
export function readScenarioOption(value: string | undefined): { scenario: ScenarioName } | { error: string } {
  const known = SCENARIO_NAMES.find((name) => name === value);
  if (known) return { scenario: known };
  return {
    error: `--scenario must be one of ${SCENARIO_NAMES.join(', ')}; got ${value ?? 'nothing'}${value ? didYouMean(value, SCENARIO_NAMES) : ''}`,
  };
}
