// A run's transcript in a few lines, for reading in a report: the config header, the status
// line, the phase changes, one global line per tick (completed/s, rejects/s) and the totals,
// without the per-partition lines; a long run keeps an evenly spread share of its ticks. The whole
// transcript goes in the report too (collapsed), capped so a huge run cannot bloat the file.

/** Most tick lines in the condensed view. */
export const CONDENSED_TICKS = 60;
/** Most characters of the whole transcript a report carries per cell. */
export const FULL_TRANSCRIPT_CHARS = 1_000_000;

const PARTITION_LINE = /^t=\S+ partition=/;
const GLOBAL_LINE = /^t=\S+ global\b/;

export function condenseTranscript(text: string, maxTicks = CONDENSED_TICKS): string {
  const lines = text.split('\n').filter((line) => !PARTITION_LINE.test(line));
  const ticks = lines.filter((line) => GLOBAL_LINE.test(line)).length;
  if (ticks <= maxTicks) return lines.join('\n');
  const every = Math.ceil(ticks / maxTicks);
  let index = 0;
  const kept = lines.filter((line) => {
    if (!GLOBAL_LINE.test(line)) return true;
    index++;
    return index % every === 0 || index === ticks || index === 1;
  });
  const firstTick = kept.findIndex((line) => GLOBAL_LINE.test(line));
  const note = `… condensed: ${kept.filter((l) => GLOBAL_LINE.test(l)).length} of ${ticks} tick lines shown (the first, the last and 1 in every ${every}); per-partition lines are in the full transcript`;
  kept.splice(firstTick < 0 ? kept.length : firstTick, 0, note);
  return kept.join('\n');
}

/** The transcript, or its first FULL_TRANSCRIPT_CHARS characters (whole lines) and a note. */
export function cappedTranscript(text: string, maxChars = FULL_TRANSCRIPT_CHARS): string {
  if (text.length <= maxChars) return text;
  const cut = text.lastIndexOf('\n', maxChars);
  const kept = text.slice(0, cut > 0 ? cut : maxChars);
  const shownLines = kept.split('\n').length;
  const totalLines = text.split('\n').length;
  return `${kept}\n… cut here: ${shownLines} of ${totalLines} lines shown (the notebook keeps them all)`;
}
