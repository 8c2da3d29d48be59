// The quick fix of a "did you mean" problem: applied to the text the problem covers, it turns the
// spec into one without that problem (keys, values, load keys, metrics, "baselne" in a threshold).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { didYouMeanFix, suggestionOf } from '../../src/spec/didYouMeanFix';
import { parseScenarioSpec, type SpecProblem } from '../../src/spec/parseScenarioSpec';

/** Offset of a 1-based line and column in `text`. */
function offsetOf(text: string, line: number, column: number): number {
  const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
  return starts[line - 1] + column - 1;
}

/** Applies the quick fix of the one "did you mean" problem of `text`; returns the fixed text. */
function fixed(text: string): string {
  const problems = parseScenarioSpec(text).problems.filter((p) => suggestionOf(p.message) !== undefined);
  assert.equal(problems.length, 1, `one "did you mean" problem in:\n${text}\n${JSON.stringify(problems)}`);
  const p: SpecProblem = problems[0];
  const start = offsetOf(text, p.line, p.column);
  const end = offsetOf(text, p.endLine, p.endColumn);
  const fix = didYouMeanFix(p.message, text.slice(start, end));
  assert.ok(fix, `a fix for "${p.message}"`);
  return text.slice(0, start + fix.start) + fix.replacement + text.slice(start + fix.end);
}

describe('did you mean: the quick fix', () => {
  const cases: [string, string, string][] = [
    ['a top-level key', 'scenario: steady\npartitons: 4\n', 'partitions: 4'],
    ['a key in lower case', 'scenario: steady\nringbuffersize: 64\n', 'ringBufferSize: 64'],
    ['a scenario name', 'scenario: hot-famly\n', 'scenario: hot-family'],
    ['a quoted value', 'scenario: steady\nhandler: "asnyc"\n', 'handler: "async"'],
    ['a fault name', 'scenario: steady\nfault: no-relase\n', 'fault: no-release'],
    ['a load key in a flow mapping', 'scenario: steady\nload: { famlies: 3 }\n', 'load: { families: 3 }'],
    ['a metric', 'scenario: steady\nexpect:\n  rejctPct: "< 1"\n', 'rejectPct: "< 1"'],
    ['the word baseline in a threshold', 'scenario: steady\nexpect: { completedPerS: ">= baselne - 10%" }\n', '">= baseline - 10%"'],
  ];
  for (const [what, text, expected] of cases) {
    test(`${what}: the fix removes the problem`, () => {
      const after = fixed(text);
      assert.ok(after.includes(expected), `expected "${expected}" in:\n${after}`);
      assert.deepEqual(
        parseScenarioSpec(after).problems.filter((p) => p.severity === 'error'),
        [],
      );
    });
  }

  test('no suggestion, no fix; nothing to change, no fix', () => {
    assert.equal(didYouMeanFix('unknown key "zebra" (keys: scenario, seed)', 'zebra'), undefined);
    assert.equal(didYouMeanFix('unknown key "x"; did you mean "seed"?', 'seed'), undefined);
  });
});
