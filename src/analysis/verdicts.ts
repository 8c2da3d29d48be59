// The verdict of several runs (a notebook's cells, a stream of runs, repeats): a failed run fails
// them all; else a run that did not finish makes them incomplete; else they pass.

import type { RunVerdict } from './reportTypes';

export function combinedVerdict(verdicts: Iterable<RunVerdict>): RunVerdict {
  let combined: RunVerdict = 'pass';
  for (const v of verdicts) {
    if (v === 'fail') return 'fail';
    if (v === 'incomplete') combined = 'incomplete';
  }
  return combined;
}
