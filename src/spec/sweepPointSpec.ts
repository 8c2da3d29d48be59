// The spec of one point of a sweep, as text: the cell's YAML without `sweep:`, with each swept key
// set to the point's value (added at the end when the cell does not set it), and without the
// comment at its top, which describes the sweep ("18 runs ..."), not the point. Every point runs
// exactly this text, and "open a point as a cell" inserts exactly this text (under a comment that
// names the point), so a row of the sweep is the single run of that cell.

import { isMap, parseDocument, type Document } from 'yaml';
import type { SweepAssignment } from './sweepGrid';

export const SWEEP_KEY = 'sweep';

/** A worker derives many points from one cell: its parsed document is kept for the next. */
let cached: { text: string; doc: Document } | undefined;

export function sweepPointSpecText(cellText: string, assignments: readonly SweepAssignment[]): string {
  if (cached?.text !== cellText) cached = { text: cellText, doc: parseDocument(cellText) };
  const doc = cached.doc.clone();
  doc.delete(SWEEP_KEY);
  dropLeadingComment(doc);
  for (const { path, value } of assignments) {
    const node = doc.createNode(value);
    if (isMap(node)) node.flow = true;
    doc.setIn(path, node);
  }
  return doc.toString();
}

/** The comment before the first key, wherever the parser put it (the document, the map or the key). */
function dropLeadingComment(doc: Document): void {
  doc.commentBefore = null;
  if (!isMap(doc.contents)) return;
  doc.contents.commentBefore = undefined;
  const first = doc.contents.items[0]?.key;
  if (first && typeof first === 'object' && 'commentBefore' in first)
    (first as { commentBefore?: string | null }).commentBefore = undefined;
}

/** Whether a cell's YAML has a top-level `sweep:` key (then it runs as a sweep, not a single run). */
export function hasSweep(cellText: string): boolean {
  if (!/\bsweep\b/.test(cellText)) return false;
  const doc = parseDocument(cellText);
  return isMap(doc.contents) && doc.contents.has(SWEEP_KEY);
}
