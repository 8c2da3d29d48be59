// The headline of a run, the first output of a scenario cell: the verdict in a word (PASS, FAIL,
// RUNNING, INTERRUPTED, ERROR), what ran, and for a failing run where to look. The extension
// writes it as an item of HEADLINE_MIME (drawn by the renderer in media/, in the theme's status
// colours) beside a text/plain fallback, so a saved notebook reads anywhere.
// Also the renderer messages about a headline: its stale mark and "open the full transcript".

export const HEADLINE_MIME = 'application/vnd.stressnb.headline+json';
export const HEADLINE_PAYLOAD_VERSION = 1;

export const HEADLINE_STATUSES = ['running', 'pass', 'fail', 'interrupted', 'error'] as const;
export type HeadlineStatus = (typeof HEADLINE_STATUSES)[number];

/** The status as the headline says it, in words (colour only repeats it). */
export const HEADLINE_WORD: Record<HeadlineStatus, string> = {
  running: 'RUNNING',
  pass: 'PASS',
  fail: 'FAIL',
  interrupted: 'INTERRUPTED',
  error: 'ERROR',
};

/** One place to look at in a failing run. */
export interface HeadlineLook {
  kind: 'hint' | 'check' | 'threshold';
  /** The rule, the check or the threshold, e.g. "release-missing". */
  label: string;
  /** Partitions and time window, or the threshold's actual value. */
  where: string;
  /** The cause or the evidence in plain words. */
  detail?: string;
}

export interface HeadlinePayload {
  version: typeof HEADLINE_PAYLOAD_VERSION;
  status: HeadlineStatus;
  /** What ran: "hot-family · seed 1 · fault no-release". */
  title: string;
  /** The verdict's reason or the live state: "1 triage hint, 3 failed checks", "phase measure · t=12.5 s · 45 %". */
  summary: string;
  /** Short facts: how the run ended, throughput, rejects. */
  facts: string[];
  /** Where to look, most specific first (failing runs). */
  look: HeadlineLook[];
  /** Places to look left out of `look` (they are in the report). */
  more: number;
  /** Share of the planned run done, 0 to 1, while running. */
  progress?: number;
  /** The config line (Step 0). */
  config?: string;
}

/** Checks the shape of a headline read from an output item; throws a message saying what is wrong. */
export function readHeadlinePayload(value: unknown): HeadlinePayload {
  if (!isObject(value)) throw new Error('the headline output is not a JSON object');
  if (value.version !== HEADLINE_PAYLOAD_VERSION) {
    throw new Error(
      `the headline output has version ${JSON.stringify(value.version)}; this version of stressnb draws version ${HEADLINE_PAYLOAD_VERSION}. Run the cell again to redraw it.`,
    );
  }
  if (!(HEADLINE_STATUSES as readonly unknown[]).includes(value.status))
    throw new Error(`the headline output has an unknown status ${JSON.stringify(value.status)}`);
  if (typeof value.title !== 'string' || typeof value.summary !== 'string') throw new Error('the headline output has no title or summary');
  if (!Array.isArray(value.facts) || !value.facts.every((f) => typeof f === 'string'))
    throw new Error('the headline output has no "facts" list');
  if (!Array.isArray(value.look) || !value.look.every((l) => isObject(l) && typeof l.label === 'string' && typeof l.where === 'string')) {
    throw new Error('the headline output has no "look" list');
  }
  if (typeof value.more !== 'number') throw new Error('the headline output has no "more" count');
  return value as unknown as HeadlinePayload;
}

// ---- renderer messages (renderer messaging of the stressnb renderer) ----

/** renderer -> host: a headline was drawn (the host answers with its state). */
export const HEADLINE_SHOWN = 'stressnb.headline.shown';
/** host -> renderer: whether the cell changed since the headline's run. */
export const HEADLINE_STATE = 'stressnb.headline.state';
/** renderer -> host: open the full transcript of the run whose headline this is. */
export const OPEN_TRANSCRIPT = 'stressnb.openTranscript';

export interface HeadlineShownMessage {
  type: typeof HEADLINE_SHOWN;
  outputId: string;
}
export interface HeadlineStateMessage {
  type: typeof HEADLINE_STATE;
  outputId: string;
  stale: boolean;
}
export interface OpenTranscriptMessage {
  type: typeof OPEN_TRANSCRIPT;
  outputId: string;
}
export type HeadlineMessage = HeadlineShownMessage | HeadlineStateMessage | OpenTranscriptMessage;

/** A headline message, or undefined for any other message (the charts' save requests). */
export function readHeadlineMessage(message: unknown): HeadlineMessage | undefined {
  if (!isObject(message) || typeof message.outputId !== 'string') return undefined;
  if (message.type === HEADLINE_SHOWN || message.type === OPEN_TRANSCRIPT) return { type: message.type, outputId: message.outputId };
  if (message.type === HEADLINE_STATE) return { type: HEADLINE_STATE, outputId: message.outputId, stale: message.stale === true };
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
