// The edit a "did you mean" problem suggests: the spec's messages end in `did you mean "x"?` when
// a key, a value or a word is close to one that exists; the editor offers to make that change (a
// quick fix). Within the problem's range (a key, a value, quoted or not, or a word inside a
// threshold) the word nearest the suggestion is the one to replace.

import { editDistance } from './editDistance';

export interface TextReplacement {
  /** Offsets within the problem's text, end exclusive. */
  start: number;
  end: number;
  replacement: string;
}

const SUGGESTION = /did you mean "([^"]+)"\?/;
const WORD = /[A-Za-z_][\w.-]*/g;

/** The suggested word of a problem's message, if it makes one. */
export function suggestionOf(message: string): string | undefined {
  return SUGGESTION.exec(message)?.[1];
}

/** The replacement within `rangeText` (the text the problem covers) that applies the suggestion; undefined when there is none to make. */
export function didYouMeanFix(message: string, rangeText: string): TextReplacement | undefined {
  const suggestion = suggestionOf(message);
  if (suggestion === undefined) return undefined;
  let best: { start: number; end: number; word: string; distance: number } | undefined;
  for (const match of rangeText.matchAll(WORD)) {
    const distance = editDistance(match[0], suggestion);
    if (!best || distance < best.distance) best = { start: match.index, end: match.index + match[0].length, word: match[0], distance };
  }
  if (!best || best.word === suggestion) return undefined;
  return { start: best.start, end: best.end, replacement: suggestion };
}
