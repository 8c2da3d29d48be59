// The triage hint `counter-integrity`: the violations counterIntegrity.ts found, one hint per
// broken rule (a counter above its bound, a counter going down, a negative value, a partition that
// did not report) naming the partitions, the first tick it broke and by how much, the likely
// cause, and what the analysis stops trusting because of it.

import type { CounterKey } from '../format/runEvents';
import type { CounterIntegrity, IntegrityViolation } from './counterIntegrity';
import { partitionList } from './reportNumbers';
import type { HintEvidence, TriageHint } from './reportTypes';
import { nearestTick } from '../series/tickSeries';
import type { TickSeries } from '../series/seriesTypes';

const BOUND_CAUSES: Record<string, string> = {
  'completed>dispatched':
    'completed counts more than once per task: completeSink#onComplete is called twice for some tasks (a retry path, a finally block), or completed ticks where no task was dispatched',
  'dispatched>tasksIn':
    'a task is dispatched more than once (a retry that hands it to the handler again), or tasksIn misses tasks (ticked on some paths only, or after the enqueue)',
  'enqueuedDueToBusy>tasksIn': 'enqueuedDueToBusy counts more than once per task, or tasksIn misses the tasks that join a pending queue',
  'maxPendingDepthObserved>tasksIn':
    "maxPendingDepthObserved measures something other than this partition's pending queues (a queue shared by partitions, or a value kept from an earlier run)",
};

function causeOf(v: IntegrityViolation): string {
  switch (v.check) {
    case 'exceeds':
      return BOUND_CAUSES[`${v.counter}>${v.bound}`] ?? `${v.counter} counts tasks that ${v.bound} never counted`;
    case 'decreased':
      return v.counter === 'maxPendingDepthObserved'
        ? 'a running maximum went down: it is reset (per tick or on a restart) instead of kept for the run'
        : 'counters must be cumulative: the program restarted, the counter is reset every tick (a per-interval figure), or it overflowed';
    case 'negative':
      return v.counter === 'readyFamiliesCount' || v.counter === 'inFlightFamiliesCount'
        ? 'the gauge is decremented more often than incremented (a family released or dequeued twice, or a count read mid-update)'
        : 'the counter overflowed or is decremented somewhere (use a 64-bit counter that only grows)';
    case 'unreported':
      return 'the reporter skips this partition (a partition that crashed or was never started, or a wrong partitions= in the config line)';
  }
}

/** Counters the hint's evidence shows: the broken counter and its bound, or the partition's progress. */
function evidenceCounters(v: IntegrityViolation): CounterKey[] {
  if (v.check === 'unreported') return ['tasksIn', 'completed'];
  return v.bound ? [v.counter!, v.bound] : [v.counter!];
}

export function integrityHints(series: TickSeries, integrity: CounterIntegrity): TriageHint[] {
  const groups = new Map<string, IntegrityViolation[]>();
  for (const v of integrity.violations) {
    const key = `${v.check}:${v.counter ?? ''}:${v.bound ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), v]);
  }
  const hints: TriageHint[] = [];
  for (const list of groups.values()) {
    list.sort((a, b) => a.partition - b.partition);
    const partitions = list.map((v) => v.partition);
    const untrusted = [...new Set(list.flatMap((v) => (v.check === 'unreported' ? ['any counter'] : evidenceCounters(v))))];
    hints.push({
      rule: 'counter-integrity',
      partitions,
      from: Math.min(...list.map((v) => v.from)),
      to: Math.max(...list.map((v) => v.to)),
      message:
        `${list.map((v) => v.message).join('; ')}: ${causeOf(list[0])}. ` +
        `The analysis does not trust ${untrusted.join(' or ')} on ${partitionList(partitions)}: the rules, checks and thresholds that read ${untrusted.length > 1 || untrusted[0] === 'any counter' ? 'them' : 'it'} are withheld.`,
      evidence: list.map((v) => evidenceOf(series, v)),
    });
  }
  return hints.sort((a, b) => a.from - b.from || a.partitions[0] - b.partitions[0]);
}

function evidenceOf(series: TickSeries, v: IntegrityViolation): HintEvidence {
  const points = series.byPartition[v.partition];
  let first = nearestTick(series, v.from);
  // A drop and a gap are seen against the tick before them.
  if ((v.check === 'decreased' || v.check === 'unreported') && first > 0) first--;
  const last = v.check === 'decreased' ? nearestTick(series, v.from) : nearestTick(series, v.to);
  const a = points.at(first);
  const b = points.at(last);
  return {
    partition: v.partition,
    from: a.t,
    to: b.t,
    counters: evidenceCounters(v).map((counter) => ({ counter, from: a.counters[counter], to: b.counters[counter] })),
  };
}
