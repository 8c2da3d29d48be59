// The comparison of an `expect:` threshold with a number, such as "< 1", ">= 250" or "== 0"
// (a comparison with the baseline is relativeThreshold.ts; thresholdExpression.ts reads either).

export const COMPARISON_OPERATORS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface ThresholdComparison {
  op: ComparisonOperator;
  value: number;
}

const COMPARISON = /^\s*(<=|>=|==|!=|<|>)\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*$/i;

export function parseThresholdComparison(text: string): ThresholdComparison | { error: string } {
  const m = COMPARISON.exec(text);
  if (m) return { op: m[1] as ComparisonOperator, value: Number(m[2]) };
  const hint = /^\s*=\s*[^=]/.test(text)
    ? ' (equality is written "==")'
    : /^\s*[+-]?\d/.test(text)
      ? ` (a bare number is not a comparison: write "== ${text.trim()}", "<= ${text.trim()}" or ">= ${text.trim()}")`
      : /%\s*$/.test(text)
        ? ' (no % sign: rejectPct is already a percentage)'
        : '';
  return {
    error: `"${text}" is not a comparison: expected an operator (${COMPARISON_OPERATORS.join(' ')}) and a number or the baseline, such as "< 1", ">= 250" or ">= baseline - 10%"${hint}`,
  };
}

export function compareThreshold(actual: number, { op, value }: ThresholdComparison): boolean {
  switch (op) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}
