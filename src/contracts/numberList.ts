// Lists of numbers as one line of text, for the charts output item (chartsPayload.ts): a saved
// notebook writes a JSON array one element per line, deeply indented, so a chart's few thousand
// numbers as arrays would cost tens of bytes each; as text they cost their digits and a space,
// and a line's values stay one line in a diff.
//
//   numbers   "0.5 1 1.5 2"   each in JavaScript's shortest exact form (String(n)), so reading
//                             gives back the very same numbers
//   indices   "0-3 7 9-10"    ascending indices, consecutive ones as a range (0, 1, 2, 3, 7, 9, 10)

export function encodeNumbers(values: ArrayLike<number>): string {
  let text = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) throw new Error(`a number list cannot hold ${v} (at ${i})`);
    text += i === 0 ? String(v) : ` ${v}`;
  }
  return text;
}

/** The numbers of an encodeNumbers text; throws a message naming the first token that is not a finite number. */
export function decodeNumbers(text: string): number[] {
  if (text === '') return [];
  return text.split(' ').map((token, i) => {
    const v = token === '' ? NaN : Number(token);
    if (!Number.isFinite(v)) throw new Error(`item ${i + 1} (${JSON.stringify(token.slice(0, 20))}) is not a number`);
    return v;
  });
}

/** Ascending, distinct, non-negative integer indices as ranges. */
export function encodeIndices(indices: ArrayLike<number>): string {
  const parts: string[] = [];
  let i = 0;
  while (i < indices.length) {
    const from = indices[i];
    if (!Number.isInteger(from) || from < 0 || (i > 0 && from <= indices[i - 1]))
      throw new Error(`indices must be ascending non-negative integers (got ${from} at ${i})`);
    let to = from;
    while (i + 1 < indices.length && indices[i + 1] === to + 1) {
      to++;
      i++;
    }
    parts.push(to === from ? String(from) : `${from}-${to}`);
    i++;
  }
  return parts.join(' ');
}

/** The indices of an encodeIndices text, each below `limit`; throws a message naming what is wrong. */
export function decodeIndices(text: string, limit: number): number[] {
  if (text === '') return [];
  const out: number[] = [];
  for (const token of text.split(' ')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(token);
    if (!range) throw new Error(`${JSON.stringify(token.slice(0, 20))} is not an index or a range of indices`);
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from || (out.length > 0 && from <= out[out.length - 1]))
      throw new Error(`indices are not in ascending order at ${JSON.stringify(token)}`);
    if (to >= limit) throw new Error(`index ${to} is past the ${limit} times of the payload`);
    for (let i = from; i <= to; i++) out.push(i);
  }
  return out;
}
