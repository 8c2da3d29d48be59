// How an output item is stored in a .stressnb file depends on its mime type: JSON mimes as JSON
// values, text mimes as strings, anything else as base64 (so diffs of text and JSON stay readable).

export type MimeStorage = 'json' | 'text' | 'binary';

const TEXT_MIMES = new Set([
  'application/vnd.code.notebook.stdout',
  'application/vnd.code.notebook.stderr',
  'application/javascript',
  'application/xml',
  'application/yaml',
  'application/x-yaml',
]);

export function mimeStorage(mime: string): MimeStorage {
  const base = mime.split(';')[0].trim().toLowerCase();
  if (base === 'application/json' || base.endsWith('+json') || base === 'application/vnd.code.notebook.error') return 'json';
  if (base.startsWith('text/') || base.endsWith('+xml') || TEXT_MIMES.has(base)) return 'text';
  return 'binary';
}
