// What a scenario cell's run leaves in its outputs, as data a reader can use without parsing
// text (the notebook's stale mark, the full-transcript command, an export):
// - every output of a run carries `metadata.stressnbRun = { kind, specHash }`: which part of the
//   run it is and the fingerprint of the cell text that produced it (stale when the cell's text
//   no longer has that fingerprint);
// - the transcript output holds the whole transcript as an item of TRANSCRIPT_MIME next to the
//   condensed text/plain view that the notebook shows.
// Documented in docs/notebook.md and docs/file-format.md.

export const RUN_OUTPUT_METADATA_KEY = 'stressnbRun';

export const RUN_OUTPUT_KINDS = ['headline', 'charts', 'report', 'transcript', 'run-error', 'spec-error'] as const;
export type RunOutputKind = (typeof RUN_OUTPUT_KINDS)[number];

export interface RunOutputInfo {
  kind: RunOutputKind;
  /** specHash() of the cell text the output was produced from. */
  specHash: string;
}

/** The metadata of one output of a run. */
export function runOutputMetadata(kind: RunOutputKind, specHash: string): Record<string, unknown> {
  return { [RUN_OUTPUT_METADATA_KEY]: { kind, specHash } satisfies RunOutputInfo };
}

/** The run info of an output's metadata; undefined for outputs stressnb did not write this way. */
export function readRunOutputInfo(metadata: unknown): RunOutputInfo | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const info = (metadata as Record<string, unknown>)[RUN_OUTPUT_METADATA_KEY];
  if (typeof info !== 'object' || info === null) return undefined;
  const { kind, specHash } = info as Record<string, unknown>;
  if (typeof kind !== 'string' || !(RUN_OUTPUT_KINDS as readonly string[]).includes(kind)) return undefined;
  if (typeof specHash !== 'string') return undefined;
  return { kind: kind as RunOutputKind, specHash };
}

export const TRANSCRIPT_MIME = 'application/vnd.stressnb.transcript+json';
export const TRANSCRIPT_PAYLOAD_VERSION = 1;

/** The whole transcript of a run: header, status line, every tick's lines, totals. */
export interface TranscriptPayload {
  version: typeof TRANSCRIPT_PAYLOAD_VERSION;
  lines: string[];
}

/** Checks a transcript item's value; throws a message saying what is wrong. */
export function readTranscriptPayload(value: unknown): TranscriptPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('the transcript item is not a JSON object');
  const { version, lines } = value as Record<string, unknown>;
  if (version !== TRANSCRIPT_PAYLOAD_VERSION) {
    throw new Error(
      `the transcript item has version ${JSON.stringify(version)}; this version of stressnb reads version ${TRANSCRIPT_PAYLOAD_VERSION}`,
    );
  }
  if (!Array.isArray(lines) || !lines.every((l) => typeof l === 'string'))
    throw new Error('the transcript item has no "lines" list of strings');
  return { version, lines };
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/**
 * The fingerprint of a cell's text: FNV-1a 64-bit of its UTF-8 bytes, line endings normalised
 * to \n, written as `fnv1a64:` and 16 hex digits. Equal texts give equal fingerprints on every
 * machine, so a saved notebook can tell which outputs are from an earlier version of its cell.
 */
export function specHash(text: string): string {
  let hash = FNV64_OFFSET;
  for (const byte of new TextEncoder().encode(text.replace(/\r\n?/g, '\n'))) {
    hash = ((hash ^ BigInt(byte)) * FNV64_PRIME) & MASK64;
  }
  return `fnv1a64:${hash.toString(16).padStart(16, '0')}`;
}
