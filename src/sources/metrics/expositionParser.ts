// A reader of the Prometheus exposition formats a metrics endpoint answers with: the text format
// 0.0.4 (`text/plain; version=0.0.4`, what client_golang and Micrometer serve by default) and
// OpenMetrics 1.0 (`application/openmetrics-text; version=1.0.0`). It keeps what a source needs:
// every sample's name, labels and value, and each family's TYPE. A line it cannot read exactly
// fails the whole exposition with the line's number, as Prometheus fails such a scrape; nothing is
// half-read.

export type ExpositionFormat = 'text' | 'openmetrics';

export interface ExpositionSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** 1-based line of the exposition. */
  line: number;
}

export interface Exposition {
  format: ExpositionFormat;
  samples: ExpositionSample[];
  /** TYPE of each family, by the name its TYPE line gives. */
  types: Map<string, string>;
}

export class ExpositionError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;
const FLOAT = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[Ii]nf(?:inity)?|NaN|nan)$/;
/** The suffixes a sample may add to its family's name. */
const SAMPLE_SUFFIXES = ['_total', '_created', '_count', '_sum', '_bucket', '_gcount', '_gsum', '_info'];

/** The format a response is in, from its Content-Type header (the text format when absent or unknown). */
export function formatOfContentType(contentType: string | null | undefined): ExpositionFormat {
  return /^\s*application\/openmetrics-text/i.test(contentType ?? '') ? 'openmetrics' : 'text';
}

export function parseExposition(text: string, format: ExpositionFormat): Exposition {
  const samples: ExpositionSample[] = [];
  const types = new Map<string, string>();
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  let eof = false;
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (eof) throw new ExpositionError(lineNo, 'text after "# EOF" (an OpenMetrics exposition ends there)');
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      if (format === 'openmetrics' && line === '# EOF') {
        eof = true;
        continue;
      }
      const type = /^#\s+TYPE\s+(\S+)\s+(\S+)\s*$/.exec(line);
      if (type) types.set(type[1], type[2].toLowerCase());
      continue;
    }
    samples.push(readSample(line, lineNo, format));
  }
  if (format === 'openmetrics' && !eof)
    throw new ExpositionError(lines.length, 'the OpenMetrics exposition does not end with "# EOF" (cut short?)');
  return { format, samples, types };
}

/** The TYPE of the family a sample belongs to, e.g. `counter` for `x_total` of family `x`; `untyped` when none is declared. */
export function typeOfSample(exposition: Exposition, sampleName: string): string {
  const own = exposition.types.get(sampleName);
  if (own !== undefined) return own;
  for (const suffix of SAMPLE_SUFFIXES) {
    if (sampleName.endsWith(suffix)) {
      const family = exposition.types.get(sampleName.slice(0, -suffix.length));
      if (family !== undefined) return family;
    }
  }
  return 'untyped';
}

function readSample(line: string, lineNo: number, format: ExpositionFormat): ExpositionSample {
  let at = 0;
  const fail = (message: string): never => {
    throw new ExpositionError(lineNo, message);
  };
  if (!NAME_START.test(line[at] ?? '')) fail(`expected a metric name, got ${JSON.stringify(line.slice(0, 40))}`);
  while (at < line.length && NAME_CHAR.test(line[at])) at++;
  const name = line.slice(0, at);
  const labels: Record<string, string> = {};
  at = skipSpaces(line, at);
  if (line[at] === '{') {
    at = readLabels(line, at + 1, labels, fail);
    at = skipSpaces(line, at);
  }
  const rest = line.slice(at);
  // OpenMetrics: an exemplar may follow the value (` # {trace_id="..."} 1.0`).
  const exemplar = format === 'openmetrics' ? rest.indexOf(' # ') : -1;
  const fields = (exemplar >= 0 ? rest.slice(0, exemplar) : rest).trim().split(/[ \t]+/);
  if (fields.length === 0 || fields[0] === '') fail(`${name} has no value`);
  if (fields.length > 2) fail(`${name}: unexpected ${JSON.stringify(fields.slice(2).join(' '))} after the value and timestamp`);
  const written = fields[0];
  if (!FLOAT.test(written)) fail(`${name}${formatLabels(labels)} has the value ${JSON.stringify(written)}, which is not a number`);
  if (fields.length === 2 && !FLOAT.test(fields[1])) fail(`${name}: the timestamp ${JSON.stringify(fields[1])} is not a number`);
  return { name, labels, value: toNumber(written), line: lineNo };
}

function readLabels(line: string, at: number, labels: Record<string, string>, fail: (message: string) => never): number {
  for (;;) {
    at = skipSpaces(line, at);
    if (line[at] === '}') return at + 1;
    const start = at;
    if (!/[a-zA-Z_]/.test(line[at] ?? '')) fail(`expected a label name or "}" at column ${at + 1}`);
    while (at < line.length && /[a-zA-Z0-9_]/.test(line[at])) at++;
    const label = line.slice(start, at);
    at = skipSpaces(line, at);
    if (line[at] !== '=') fail(`expected "=" after the label ${label} at column ${at + 1}`);
    at = skipSpaces(line, at + 1);
    if (line[at] !== '"') fail(`the value of label ${label} must be in double quotes (column ${at + 1})`);
    at++;
    let value = '';
    for (;;) {
      if (at >= line.length) fail(`the value of label ${label} is not closed with "`);
      const c = line[at];
      if (c === '"') break;
      if (c === '\\') {
        const next = line[at + 1];
        if (next === 'n') value += '\n';
        else if (next === '\\' || next === '"') value += next;
        else fail(`unknown escape \\${next ?? ''} in the value of label ${label}`);
        at += 2;
        continue;
      }
      value += c;
      at++;
    }
    if (label in labels) fail(`label ${label} appears twice`);
    labels[label] = value;
    at = skipSpaces(line, at + 1);
    if (line[at] === ',') at++;
    else if (line[at] !== '}') fail(`expected "," or "}" after the label ${label} at column ${at + 1}`);
  }
}

function skipSpaces(line: string, at: number): number {
  while (line[at] === ' ' || line[at] === '\t') at++;
  return at;
}

function toNumber(written: string): number {
  const lower = written.toLowerCase();
  if (lower === 'nan') return NaN;
  if (/^[+]?inf/.test(lower)) return Infinity;
  if (lower.startsWith('-inf')) return -Infinity;
  return Number(written);
}

/** `{a="1",b="x"}`, or nothing without labels: how a series is named in messages. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}
