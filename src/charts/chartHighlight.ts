// Which partitions get a colour of their own. Up to MAX_ALL_COLOURED partitions each get one (four
// colours are told apart at a glance); beyond that, colours stop meaning anything, so only the
// partitions that stand out are coloured — the hot one, those a triage hint names, then in turn
// the one that completed least, and those with the most rejects, the deepest family backlog and
// the most tasks — and every other partition is a thin grey line (its name on hover). The same
// partitions are coloured in every chart of the run, so a colour means one partition throughout.

import type { PartitionCounters } from '../format/runEvents';

export const MAX_ALL_COLOURED = 8;
/** At most this many coloured partitions when the others are grey (the editor's six chart colours). */
export const MAX_HIGHLIGHTED = 6;

export interface HighlightInput {
  partitions: number;
  hot?: number;
  /** Partitions named by the run's triage hints (none while it runs). */
  hinted: readonly number[];
  /** Counters of the last tick, one entry per partition. */
  last: readonly PartitionCounters[];
}

/** The partitions drawn in colour, in ascending order (all of them up to MAX_ALL_COLOURED). */
export function colouredPartitions(input: HighlightInput): number[] {
  const { partitions, hot, hinted, last } = input;
  const all = Array.from({ length: partitions }, (_, p) => p);
  if (partitions <= MAX_ALL_COLOURED) return all;
  const picked = new Set<number>();
  const add = (p: number | undefined) => {
    if (p !== undefined && p >= 0 && p < partitions && picked.size < MAX_HIGHLIGHTED) picked.add(p);
  };
  add(hot);
  hinted.forEach(add);
  const value = (p: number, key: keyof PartitionCounters) => last[p]?.[key] ?? 0;
  const rankings = [
    standouts(all, (p) => -value(p, 'completed')),
    standouts(all, (p) => value(p, 'rejectsBusy')),
    standouts(all, (p) => value(p, 'maxPendingDepthObserved')),
    standouts(all, (p) => value(p, 'tasksIn')),
  ];
  for (let rank = 0; picked.size < MAX_HIGHLIGHTED && rankings.some((r) => rank < r.length); rank++) {
    for (const ranking of rankings) add(ranking[rank]);
  }
  return [...picked].sort((a, b) => a - b);
}

/** How far above the median (relative to it, and at least 1) a score must be to stand out. */
const STANDS_OUT_BY = 0.2;

/**
 * The partitions whose score stands out above the median score, highest first: in a balanced
 * run (noise included) nothing stands out, and nothing is coloured by accident.
 */
function standouts(partitions: number[], score: (p: number) => number): number[] {
  const scores = partitions.map(score);
  const median = [...scores].sort((a, b) => a - b)[Math.floor(scores.length / 2)];
  const margin = STANDS_OUT_BY * Math.max(Math.abs(median), 1);
  return partitions.filter((p) => scores[p] - median > margin).sort((a, b) => scores[b] - scores[a] || a - b);
}
