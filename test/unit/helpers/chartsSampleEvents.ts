// Test helper for the chart tests: reads a sample counter log (DESIGN.md section 4) into
// RunEvents with a deliberately tiny parser (the real one is src/analysis's CounterLineParser),
// and makes synthetic runs of any length.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNTER_KEYS, type ConfigHeader, type PartitionCounters, type RunEvent } from '../../../src/format/runEvents';

const SAMPLE_DIRS = [join('test', 'fixtures', 'samples'), join('..', 'shared', 'samples')];

export function sampleEvents(name: string): RunEvent[] {
  const dir = SAMPLE_DIRS.find((d) => existsSync(join(d, name)));
  if (!dir) throw new Error(`sample ${name} not found in ${SAMPLE_DIRS.join(' or ')}`);
  return parseCounterLog(readFileSync(join(dir, name), 'utf8'));
}

export function parseCounterLog(text: string): RunEvent[] {
  const events: RunEvent[] = [];
  let tick: { t: number; partitions: PartitionCounters[] } | undefined;
  const flush = () => {
    if (tick) events.push({ type: 'tick', ...tick });
    tick = undefined;
  };
  for (const line of text.split('\n')) {
    const fields = Object.fromEntries(
      line
        .trim()
        .split(/\s+/)
        .filter((f) => f.includes('='))
        .map((f) => f.split('=') as [string, string]),
    );
    if (line.startsWith('config ')) {
      const config: ConfigHeader = {};
      for (const [k, v] of Object.entries(fields)) config[k] = Number.isNaN(Number(v)) ? v : Number(v);
      events.push({ type: 'config', config });
    } else if (fields.phase !== undefined) {
      flush();
      events.push({ type: 'phase', t: Number(fields.t), phase: fields.phase as 'measure' });
    } else if (fields.partition !== undefined) {
      const t = Number(fields.t);
      if (tick && tick.t !== t) flush();
      tick ??= { t, partitions: [] };
      tick.partitions[Number(fields.partition)] = Object.fromEntries(
        COUNTER_KEYS.map((k) => [k, Number(fields[k] ?? 0)]),
      ) as PartitionCounters;
    }
  }
  flush();
  return events;
}

/**
 * A steady synthetic run: `ticks` ticks of `dt` seconds over `partitions` partitions, each
 * completing `perTick` tasks a tick, except `spike` (partition, tick index, extra completions).
 */
export function syntheticRun(opts: {
  ticks: number;
  partitions: number;
  dt?: number;
  perTick?: number;
  spike?: { partition: number; tick: number; extra: number };
}): RunEvent[] {
  const { ticks, partitions, dt = 0.5, perTick = 10, spike } = opts;
  const events: RunEvent[] = [{ type: 'config', config: { partitions, tickMs: dt * 1000, scenario: 'steady' } }];
  events.push({ type: 'phase', t: 0, phase: 'warmup' });
  const completed = new Array<number>(partitions).fill(0);
  for (let i = 1; i <= ticks; i++) {
    const t = Math.round(i * dt * 1000) / 1000;
    if (i === Math.floor(ticks / 10)) events.push({ type: 'phase', t, phase: 'measure' });
    if (i === Math.floor((ticks * 9) / 10)) events.push({ type: 'phase', t, phase: 'cooldown' });
    const counters = completed.map((c, p) => {
      completed[p] = c + perTick + (spike && spike.partition === p && spike.tick === i ? spike.extra : 0);
      return {
        tasksIn: completed[p],
        dispatched: completed[p],
        completed: completed[p],
        rejectsBusy: 0,
        enqueuedDueToBusy: 0,
        maxPendingDepthObserved: 1,
        readyFamiliesCount: 0,
        inFlightFamiliesCount: Math.round(5 + 3 * Math.sin(i / 20 + p)),
      };
    });
    events.push({ type: 'tick', t, partitions: counters });
  }
  events.push({ type: 'phase', t: ticks * dt, phase: 'done', reason: 'drained' });
  return events;
}

/**
 * A run whose every counter changes at every tick by a pseudo-random amount (seeded, so always
 * the same run): the worst case for downsampling, where no point is dropped for being flat.
 */
export function noisyRun(opts: {
  ticks: number;
  partitions: number;
  dt?: number;
  seed?: number;
  spike?: { partition: number; tick: number; extra: number };
}): RunEvent[] {
  const { ticks, partitions, dt = 0.1, spike } = opts;
  let state = (opts.seed ?? 1) >>> 0;
  const next = (n: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return (state >>> 8) % n; // the high bits: an LCG's low bits repeat with a short period
  };
  const events: RunEvent[] = [{ type: 'config', config: { partitions, tickMs: dt * 1000, scenario: 'custom' } }];
  events.push({ type: 'phase', t: 0, phase: 'warmup' });
  const totals = Array.from({ length: partitions }, () => ({ tasksIn: 0, completed: 0, rejectsBusy: 0, enqueuedDueToBusy: 0 }));
  for (let i = 1; i <= ticks; i++) {
    const t = Math.round(i * dt * 1000) / 1000;
    if (i === Math.floor(ticks / 10)) events.push({ type: 'phase', t, phase: 'measure' });
    if (i === Math.floor((ticks * 9) / 10)) events.push({ type: 'phase', t, phase: 'cooldown' });
    const counters = totals.map((c, p) => {
      c.completed += next(1000) + (spike && spike.partition === p && spike.tick === i ? spike.extra : 0);
      c.tasksIn = c.completed + next(50);
      c.rejectsBusy += next(30);
      c.enqueuedDueToBusy += next(20);
      return {
        tasksIn: c.tasksIn,
        dispatched: c.completed + next(10),
        completed: c.completed,
        rejectsBusy: c.rejectsBusy,
        enqueuedDueToBusy: c.enqueuedDueToBusy,
        maxPendingDepthObserved: next(5000),
        readyFamiliesCount: next(100),
        inFlightFamiliesCount: next(100),
      };
    });
    events.push({ type: 'tick', t, partitions: counters });
  }
  events.push({ type: 'phase', t: ticks * dt, phase: 'done', reason: 'drained' });
  return events;
}

/**
 * A run whose source adds partitions as it goes: a first tick at t = 0 (no elapsed time), ticks
 * that list 1, then 3, then 5 partitions, a config line that raises the count to 7 mid-run, a
 * counter that goes down now and then, and an interrupted end.
 */
export function latePartitionsRun(ticks = 120): RunEvent[] {
  const counters = (n: number): PartitionCounters => ({
    tasksIn: n,
    dispatched: n,
    completed: n % 7 === 0 ? n - 5 : n,
    rejectsBusy: n % 3,
    enqueuedDueToBusy: n % 5,
    maxPendingDepthObserved: n % 4,
    readyFamiliesCount: n % 2,
    inFlightFamiliesCount: 1,
  });
  const events: RunEvent[] = [
    { type: 'tick', t: 0, partitions: [counters(0)] },
    { type: 'phase', t: 0, phase: 'measure' },
  ];
  const third = Math.floor(ticks / 3);
  for (let i = 1; i < ticks; i++) {
    if (i === 2 * third) events.push({ type: 'config', config: { partitions: 7, scenario: 'custom' } });
    const listed = i < third ? 1 : i < 2 * third ? 3 : 5;
    events.push({ type: 'tick', t: i * 0.5, partitions: Array.from({ length: listed }, (_, p) => counters(i * (p + 1))) });
  }
  events.push({ type: 'phase', t: (ticks - 1) * 0.5, phase: 'done', reason: 'interrupted' });
  return events;
}
