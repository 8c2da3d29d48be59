// Output items that carry a run's verdict and transcript as data rather than text, read when a
// notebook has them (a run's headline item, the whole-transcript item) and ignored when it has
// not or they are in a shape this reader does not know: the text outputs still tell the story.

/** The headline of a run as data: its status, what ran, why, and where to look. */
export const HEADLINE_ITEM_MIME = 'application/vnd.stressnb.headline+json';
/** The whole transcript of a run as data: `{ version: 1, lines: string[] }`. */
export const TRANSCRIPT_ITEM_MIME = 'application/vnd.stressnb.transcript+json';

export interface HeadlineData {
  state: 'running' | 'finished' | 'interrupted' | 'failed';
  verdict?: 'pass' | 'fail';
  /** "FAIL hot-family · seed 1: 1 triage hint" */
  headline: string;
  whereToLook: string[];
}

const STATES: Record<string, Pick<HeadlineData, 'state' | 'verdict'>> = {
  pass: { state: 'finished', verdict: 'pass' },
  fail: { state: 'finished', verdict: 'fail' },
  running: { state: 'running' },
  interrupted: { state: 'interrupted' },
  error: { state: 'failed' },
};

export function readHeadlineData(value: unknown): HeadlineData | undefined {
  if (!isRecord(value) || value.version !== 1 || typeof value.status !== 'string' || !Object.hasOwn(STATES, value.status)) return undefined;
  if (typeof value.title !== 'string' || typeof value.summary !== 'string') return undefined;
  const look = Array.isArray(value.look) ? value.look.filter(isRecord) : [];
  const more = typeof value.more === 'number' && value.more > 0 ? [`… and ${value.more} more in the report`] : [];
  return {
    ...STATES[value.status],
    // "PASS hot-family · seed 1: …" like a report's headline; other states are said by the caller.
    headline: `${value.status === 'pass' || value.status === 'fail' ? `${value.status.toUpperCase()} ` : ''}${value.title}: ${value.summary}`,
    whereToLook: [
      ...look.filter((l) => typeof l.label === 'string' && typeof l.where === 'string').map((l) => `${l.label}: ${l.where}`),
      ...more,
    ],
  };
}

export function readTranscriptLines(value: unknown): string | undefined {
  if (!isRecord(value) || value.version !== 1 || !Array.isArray(value.lines) || !value.lines.every((l) => typeof l === 'string'))
    return undefined;
  return value.lines.join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
