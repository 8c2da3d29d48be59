// Any `expect:` threshold: a comparison with a number ("< 1", thresholdComparison.ts) or with the
// pinned baseline's value of the same metric (">= baseline - 10%", relativeThreshold.ts). The one
// entry point for the spec reader, the analysis and the CLI.

import { isRelativeThreshold, parseRelativeThreshold, type RelativeThreshold, type ThresholdSyntaxError } from './relativeThreshold';
import { parseThresholdComparison, type ThresholdComparison } from './thresholdComparison';

export type ParsedThreshold = ({ kind: 'absolute' } & ThresholdComparison) | ({ kind: 'relative' } & RelativeThreshold);

export function parseThreshold(text: string): ParsedThreshold | ThresholdSyntaxError {
  if (isRelativeThreshold(text)) {
    const relative = parseRelativeThreshold(text);
    return 'error' in relative ? relative : { kind: 'relative', ...relative };
  }
  const absolute = parseThresholdComparison(text);
  if ('error' in absolute) return { error: absolute.error, start: 0, end: Math.max(1, text.length) };
  return { kind: 'absolute', ...absolute };
}
