// Reads a scanned logfmt line (`t=... partition=...` or `t=... phase=...`) and hands what it
// holds to the tick assembler; a line that cannot be read exactly is reported, never half-used.

import { COUNTER_KEYS } from './runEvents';
import type { CounterKey, PartitionCounters, RunEvent } from './runEvents';
import { decimal, describeValue, wholeNumber } from './counterValues';
import { ALL_COUNTERS_SEEN, scanLogfmt, unquote } from './logfmtScanner';
import type { LogfmtScan } from './logfmtScanner';
import type { TickAssembler } from './tickAssembler';

/** Position of each counter in COUNTER_KEYS (and so in LogfmtScan.values). */
const AT = Object.fromEntries(COUNTER_KEYS.map((key, k) => [key, k])) as Record<CounterKey, number>;

/** Reads the logfmt counter or phase line line[from, to) (it starts with `t=`), scanning into `sc`. */
export function readLogfmtLine(line: string, from: number, to: number, sc: LogfmtScan, asm: TickAssembler, out: RunEvent[]): void {
  scanLogfmt(line, from, to, sc);
  if ((sc.problem !== undefined || sc.seen !== ALL_COUNTERS_SEEN) && line.indexOf('\t', from) >= 0) {
    // Tabs as separators: rare, so only looked for when the line did not read cleanly.
    line = line.replace(/\t/g, ' '); // same length: positions stay
    scanLogfmt(line, from, to, sc);
  }
  const hasPart = sc.partFrom >= 0;
  const hasPhase = sc.phaseFrom >= 0;
  if (!hasPart && !hasPhase) {
    // `t=...` but neither a partition nor a phase: a global summary line or someone else's output.
    asm.stats.foreignLines++;
    return;
  }
  if (hasPart && hasPhase) {
    asm.error(line, 'a line cannot be both a phase line (phase=) and a partition line (partition=)');
    return;
  }
  const t = decimal(line, sc.tFrom, sc.tTo);
  if (!Number.isFinite(t)) {
    asm.error(line, `t ${describeValue(line.slice(sc.tFrom, sc.tTo))}: expected seconds since the start, such as t=3.500`);
    return;
  }
  if (hasPhase) {
    const phase = unquote(line.slice(sc.phaseFrom, sc.phaseTo));
    const reason = sc.reasonFrom >= 0 ? unquote(line.slice(sc.reasonFrom, sc.reasonTo)) : undefined;
    asm.phaseLine(line, t, phase, reason, out);
    return;
  }
  const partition = wholeNumber(line, sc.partFrom, sc.partTo);
  if (!Number.isFinite(partition)) {
    asm.error(line, `partition ${describeValue(line.slice(sc.partFrom, sc.partTo))}: expected a partition number 0, 1, 2, ...`);
    return;
  }
  if (sc.problem !== undefined) {
    asm.error(line, sc.problem);
    return;
  }
  if (sc.seen !== ALL_COUNTERS_SEEN) {
    asm.error(
      line,
      `missing ${missingKeys(sc.seen)} (a partition line carries all of ${COUNTER_KEYS.join(', ')}; a cut or truncated line?)`,
    );
    return;
  }
  asm.counterLine(line, t, partition, countersOf(sc.values), out);
}

/**
 * values[k] under COUNTER_KEYS[k]. An object literal, not a loop over COUNTER_KEYS: this runs for
 * every partition line and a loop is about ten times slower. Each key is looked up by name, so the
 * order here does not matter, and the type makes a key added to COUNTER_KEYS a compile error.
 */
function countersOf(v: number[]): PartitionCounters {
  return {
    tasksIn: v[AT.tasksIn],
    dispatched: v[AT.dispatched],
    completed: v[AT.completed],
    rejectsBusy: v[AT.rejectsBusy],
    enqueuedDueToBusy: v[AT.enqueuedDueToBusy],
    maxPendingDepthObserved: v[AT.maxPendingDepthObserved],
    readyFamiliesCount: v[AT.readyFamiliesCount],
    inFlightFamiliesCount: v[AT.inFlightFamiliesCount],
  };
}

function missingKeys(seen: number): string {
  return COUNTER_KEYS.filter((_, k) => !(seen & (1 << k))).join(', ');
}
