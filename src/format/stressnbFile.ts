// The .stressnb file model (no vscode): JSON with sorted keys, two-space indentation and a trailing
// newline; Markdown and scenario cells with their outputs; no execution counts, timings or other
// churn, so the same notebook always gives the same bytes. Format: docs/file-format.md.

import { findJsonSyntaxError, lineColumnAt } from './jsonSyntaxError';
import { KeepKeyOrder, stableStringify, type JsonObject, type JsonValue } from './stableJson';
import { validateStressnb } from './validateStressnb';

export type { JsonObject, JsonValue } from './stableJson';

export const STRESSNB_VERSION = 1;
/** Larger files are refused before parsing: they would freeze the editor. */
export const MAX_STRESSNB_BYTES = 20 * 1024 * 1024;

export type StressnbCellKind = 'markdown' | 'scenario';

/**
 * One output item. Without `encoding`, `data` is by `mimeStorage(mime)`: a JSON value for JSON mimes
 * (its bytes are that value as VS Code writes JSON: JSON.stringify(value, undefined, '\t')), a string
 * for text mimes. `encoding: 'text'`: data is the exact text (JSON bytes in another layout);
 * `encoding: 'base64'`: the bytes in base64 (binary mimes, or bytes that are not valid UTF-8).
 * Use outputItemFromBytes / outputItemToBytes to convert: bytes survive the round trip exactly.
 */
export interface StressnbOutputItem {
  mime: string;
  data: JsonValue;
  encoding?: 'base64' | 'text';
}

export interface StressnbOutput {
  items: StressnbOutputItem[];
  metadata?: JsonObject;
}

export interface StressnbCell {
  kind: StressnbCellKind;
  source: string;
  outputs?: StressnbOutput[];
  metadata?: JsonObject;
}

export interface StressnbNotebook {
  version: typeof STRESSNB_VERSION;
  metadata: JsonObject;
  cells: StressnbCell[];
}

export interface StressnbError {
  message: string;
  /** 1-based, for JSON syntax errors. */
  line?: number;
  column?: number;
  /** Where in the structure, such as cells[3].outputs[0].items[1].mime. */
  path?: string;
}

export type ParsedStressnb = { ok: true; notebook: StressnbNotebook } | { ok: false; error: StressnbError };

export function emptyStressnb(): StressnbNotebook {
  return { version: STRESSNB_VERSION, metadata: {}, cells: [] };
}

/** Reads a .stressnb file's bytes: refuses a too-large file before decoding, and invalid UTF-8. */
export function parseStressnbBytes(bytes: Uint8Array): ParsedStressnb {
  if (bytes.byteLength > MAX_STRESSNB_BYTES) return tooLarge(bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: { message: 'the file is not valid UTF-8 text, so it is not a .stressnb notebook' } };
  }
  return parseStressnb(text);
}

/** Empty (or blank) text is a new, empty notebook: that is how VS Code creates a file. */
export function parseStressnb(text: string): ParsedStressnb {
  // A UTF-16 code unit is at least one byte of UTF-8, so this never refuses a file within the limit.
  if (text.length > MAX_STRESSNB_BYTES) return tooLarge(new TextEncoder().encode(text).byteLength);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: true, notebook: emptyStressnb() };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const found = findJsonSyntaxError(body);
    // jsonc-parser finds every error JSON.parse does (test/unit/stressnbFile.unit.test.ts); if it ever
    // did not, JSON.parse's own message stands, at the end of the text.
    const { line, column } = found ?? lineColumnAt(body, body.length);
    const what = found?.truncated
      ? `the file ends before the JSON is complete (${found.message}): it looks truncated`
      : `invalid JSON: ${found?.message ?? (error as Error).message}`;
    return { ok: false, error: { message: `${what} at line ${line}, column ${column}`, line, column } };
  }
  const problem = validateStressnb(value);
  if (problem) {
    const where = problem.path ? `${problem.path}: ` : '';
    return { ok: false, error: { message: `${where}${problem.message}`, ...(problem.path ? { path: problem.path } : {}) } };
  }
  return { ok: true, notebook: value as StressnbNotebook };
}

/**
 * Canonical bytes: sorted keys (except inside an output item's data, which keeps its producer's
 * order so its bytes survive save and reopen), two-space indent, trailing newline; empty outputs
 * and metadata left out.
 */
export function serializeStressnb(notebook: StressnbNotebook): string {
  const canonical = {
    version: notebook.version,
    metadata: notebook.metadata ?? {},
    cells: notebook.cells.map((cell) => ({
      kind: cell.kind,
      source: cell.source,
      ...(cell.outputs && cell.outputs.length > 0
        ? {
            outputs: cell.outputs.map((output) => ({
              items: output.items.map((item) => ({
                mime: item.mime,
                data: new KeepKeyOrder(item.data),
                ...(item.encoding ? { encoding: item.encoding } : {}),
              })),
              ...nonEmpty('metadata', output.metadata),
            })),
          }
        : {}),
      ...nonEmpty('metadata', cell.metadata),
    })),
  };
  return `${stableStringify(canonical)}\n`;
}

function nonEmpty(key: 'metadata', value: JsonObject | undefined): { metadata?: JsonObject } {
  return value && Object.keys(value).length > 0 ? { [key]: value } : {};
}

function tooLarge(bytes: number): ParsedStressnb {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  return {
    ok: false,
    error: {
      message: `the file is ${mb(bytes)}; the largest .stressnb opened is ${mb(MAX_STRESSNB_BYTES)} (outputs of very long runs are the usual cause: shorten the runs, or clear outputs in a copy with a text editor)`,
    },
  };
}
