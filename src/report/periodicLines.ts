// The human-readable lines a run shows while it goes (DESIGN.md section 3): the config header
// (Step 0), one line per partition per tick with deltas since the previous tick, and one global
// line with completed/s and rejects/s. Pure text formatting; the notebook and the CLI both use it.

import type { ConfigHeader, CounterKey, PartitionCounters, Phase, RunEvent } from '../format/runEvents';

type TickEvent = Extract<RunEvent, { type: 'tick' }>;

/** Counters printed with a delta since the previous tick, then the ones printed as they are. */
const WITH_DELTA: readonly CounterKey[] = ['tasksIn', 'dispatched', 'completed', 'rejectsBusy', 'enqueuedDueToBusy'];
const WITHOUT_DELTA: readonly CounterKey[] = ['maxPendingDepthObserved', 'readyFamiliesCount', 'inFlightFamiliesCount'];

export const COMPLETED_DEFINITION = '"completed" counts a task once completeSink#onComplete has been called for it';

/** Header keys in the order Step 0 lists them; any other keys follow in their own order. */
const HEADER_ORDER = [
  'partitions',
  'ringBufferSize',
  'workersPerPartition',
  'workCostMs',
  'handler',
  'tickMs',
  'warmupS',
  'measureS',
  'cooldownS',
  'scenario',
  'seed',
  'fault',
];

export function formatTime(t: number): string {
  return t.toFixed(3);
}

/** The `config` line of the counter-line contract, keys in Step 0's order. */
export function configLineOf(config: ConfigHeader): string {
  const keys = [...HEADER_ORDER.filter((k) => k in config), ...Object.keys(config).filter((k) => !HEADER_ORDER.includes(k))];
  return `config ${keys.map((k) => `${k}=${config[k]}`).join(' ')}`;
}

/** The `config` line of the counter-line contract followed by the phases and the meaning of "completed". */
export function formatConfigHeader(config: ConfigHeader): string[] {
  const lines = [configLineOf(config)];
  const phases = describePhases(config);
  if (phases) lines.push(`  phases: ${phases}`);
  lines.push(`  ${COMPLETED_DEFINITION}`);
  return lines;
}

function describePhases(config: ConfigHeader): string | undefined {
  const warmup = num(config.warmupS);
  const measure = num(config.measureS);
  const cooldown = num(config.cooldownS);
  if (warmup === undefined && measure === undefined && cooldown === undefined) return undefined;
  const parts: string[] = [];
  if (warmup !== undefined) parts.push(`warmup ${warmup} s (not counted in results)`);
  if (measure !== undefined) parts.push(`measure ${measure} s`);
  if (cooldown !== undefined) parts.push(`cooldown up to ${cooldown} s (drain or time out)`);
  return parts.join(', ');
}

function num(v: string | number | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Planned length of the run in seconds (cooldown may end earlier), when the header says. */
export function plannedDurationS(config: ConfigHeader): number | undefined {
  const parts = [num(config.warmupS), num(config.measureS), num(config.cooldownS)];
  if (parts.every((p) => p === undefined)) return undefined;
  return parts.reduce<number>((sum, p) => sum + (p ?? 0), 0);
}

export function formatPhaseLine(t: number, phase: Phase, reason?: string): string {
  return `t=${formatTime(t)} phase=${phase}${reason ? ` reason=${reason}` : ''}`;
}

export interface TickContext {
  /** The previous tick of the run, for deltas and rates; absent for the first tick. */
  previous?: TickEvent;
  phase?: Phase;
  /** Planned run length in seconds, for the progress figure. */
  plannedS?: number;
}

/** One line per partition and the global line for one tick. */
export function formatTickLines(tick: TickEvent, context: TickContext = {}): string[] {
  const { previous } = context;
  const before = (p: number): PartitionCounters | undefined => previous?.partitions[p];
  const widths = columnWidths(tick, previous);
  const time = `t=${formatTime(tick.t)}`;
  const labelWidth = String(Math.max(0, tick.partitions.length - 1)).length;

  const lines = tick.partitions.map((c, p) => {
    const prev = before(p);
    const fields = WITH_DELTA.map((k) => {
      const delta = c[k] - (prev?.[k] ?? 0);
      return `${k}=${pad(c[k], widths.value[k])} (${pad(signed(delta), widths.delta[k])})`;
    });
    for (const k of WITHOUT_DELTA) fields.push(`${k}=${pad(c[k], widths.value[k])}`);
    return `${time} partition=${String(p).padEnd(labelWidth)} ${fields.join(' ')}`;
  });

  const dt = tick.t - (previous?.t ?? 0);
  const sum = (k: CounterKey, ps: PartitionCounters[] | undefined) => (ps ?? []).reduce((s, c) => s + c[k], 0);
  const rate = (k: CounterKey) => (dt > 0 ? (sum(k, tick.partitions) - sum(k, previous?.partitions)) / dt : 0);
  let global = `${time} global    completed/s=${rate('completed').toFixed(1)} rejects/s=${rate('rejectsBusy').toFixed(1)}`;
  if (context.phase) global += ` phase=${context.phase}`;
  if (context.plannedS && context.plannedS > 0) global += ` progress=${formatProgress(tick.t, context.plannedS)}`;
  lines.push(global);
  return lines;
}

export function formatProgress(t: number, plannedS: number): string {
  const pct = Math.min(100, Math.round((100 * t) / plannedS));
  return `${pct}%`;
}

/** Totals over all partitions at the last tick: a short summary for when no analysis is at hand. */
export function formatTotalsLine(last: TickEvent | undefined): string {
  if (!last) return 'totals: no tick was recorded';
  const total = (k: CounterKey) => last.partitions.reduce((s, c) => s + c[k], 0);
  const offered = total('tasksIn') + total('rejectsBusy');
  const rejectPct = offered > 0 ? ((100 * total('rejectsBusy')) / offered).toFixed(2) : '0.00';
  return `totals at t=${formatTime(last.t)}: tasksIn=${total('tasksIn')} dispatched=${total('dispatched')} completed=${total('completed')} rejectsBusy=${total('rejectsBusy')} reject%=${rejectPct} enqueuedDueToBusy=${total('enqueuedDueToBusy')}`;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}

function pad(v: number | string, width: number): string {
  return String(v).padStart(width);
}

/** Per-column widths for one tick so the partitions' lines line up. */
function columnWidths(tick: TickEvent, previous?: TickEvent) {
  const value = {} as Record<CounterKey, number>;
  const delta = {} as Record<CounterKey, number>;
  for (const k of [...WITH_DELTA, ...WITHOUT_DELTA]) {
    value[k] = 1;
    delta[k] = 2;
  }
  tick.partitions.forEach((c, p) => {
    for (const k of [...WITH_DELTA, ...WITHOUT_DELTA]) value[k] = Math.max(value[k], String(c[k]).length);
    for (const k of WITH_DELTA) delta[k] = Math.max(delta[k], signed(c[k] - (previous?.partitions[p]?.[k] ?? 0)).length);
  });
  return { value, delta };
}
