// The top-level keys a spec's text writes itself (not the defaults the parser fills in): a
// source's config header made from the cell holds only these (src/engine/configHeader.ts).

import { isMap, isScalar, parseDocument } from 'yaml';

export function writtenTopKeys(text: string): string[] {
  const contents = parseDocument(text).contents;
  if (!isMap(contents)) return [];
  return contents.items.flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
}
