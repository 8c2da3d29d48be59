// The word a report shows first for each scenario cell, its tone (colour in HTML, mark in
// Markdown) and a sentence that says what it means. Status is said in words, never by colour or
// symbol alone.

import type { RunView } from './exportModel';

export type StatusTone = 'pass' | 'fail' | 'warn' | 'none';

export interface RunStatus {
  word: 'PASS' | 'FAIL' | 'INTERRUPTED' | 'ERROR' | 'UNFINISHED' | 'NOT RUN' | 'NO RESULT' | 'UNKNOWN';
  tone: StatusTone;
  /** One sentence: the report's headline, or what the state means. */
  detail: string;
}

export function runStatus(run: RunView): RunStatus {
  // The word is said first already: "PASS hot-family (seed 1): …" reads "hot-family (seed 1): …".
  const headline = run.headline?.replace(/^(PASS|FAIL)\b:?\s*/, '');
  switch (run.state) {
    case 'not-run':
      return { word: 'NOT RUN', tone: 'none', detail: 'This cell has no outputs: it was never run, or its outputs were cleared.' };
    case 'failed': {
      const error = run.errors[0];
      const why = error ? `${error.title}: ${firstLine(error.message)}` : 'The run failed.';
      return { word: 'ERROR', tone: 'fail', detail: headline ? `${why} (partial report: ${headline})` : why };
    }
    case 'interrupted':
      return {
        word: 'INTERRUPTED',
        tone: 'warn',
        detail: `The run was stopped before it ended${headline ? `; partial report: ${headline}` : '.'}`,
      };
    case 'running':
      return { word: 'UNFINISHED', tone: 'warn', detail: 'The notebook was saved while this run was still going: the outputs stop there.' };
    case 'unknown':
      return { word: 'UNKNOWN', tone: 'none', detail: 'The outputs are not a run this version of stressnb recognises.' };
    case 'finished':
      if (run.verdict === 'pass') return { word: 'PASS', tone: 'pass', detail: headline ?? 'Every check and threshold passed.' };
      if (run.verdict === 'fail') return { word: 'FAIL', tone: 'fail', detail: headline ?? 'A check, threshold or triage hint failed.' };
      return { word: 'NO RESULT', tone: 'warn', detail: 'The run ended without a report (no tick was recorded).' };
  }
}

/** "STALE" badge text when the outputs do not match the cell's spec. */
export const STALE_WORD = 'STALE';

function firstLine(text: string): string {
  return text.split('\n')[0];
}
