// Engine throughput and memory: every preset run to full drain, then steady load at growing run
// lengths to show that memory stays flat. Prints figures; asserts nothing.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PRESETS } from '../src/spec/presets';
import { createRun } from '../src/engine/simulation';
import type { PartitionCounters } from '../src/format/runEvents';
import type { ScenarioName, ScenarioSpec } from '../src/spec/scenarioSpec';
import { specFor } from '../test/unit/helpers/specFor';

/** Long enough for every preset to drain: the run ends when it does. */
const DRAIN_COOLDOWN_S = 100_000;
const REPEATS = 5;
const HEAP_SAMPLE_EVERY_STEPS = 20;

interface RunFigures {
  wallMs: number;
  /** Process CPU time (all threads, JIT included): less sensitive than wall time to a busy machine. */
  cpuMs: number;
  simulatedS: number;
  offered: number;
  completed: number;
  endReason: string;
  peakHeapMiB: number;
}

function runOnce(spec: ScenarioSpec, sampleHeap: boolean): RunFigures {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const run = createRun(spec);
  let last: PartitionCounters[] = [];
  let endReason = '';
  let peakHeap = 0;
  let steps = 0;
  while (!run.finished) {
    for (const e of run.step()) {
      if (e.type === 'tick') last = e.partitions;
      else if (e.type === 'phase' && e.phase === 'done') endReason = e.reason ?? '';
    }
    if (sampleHeap && steps++ % HEAP_SAMPLE_EVERY_STEPS === 0) peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  }
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const sum = (k: keyof PartitionCounters): number => last.reduce((s, p) => s + p[k], 0);
  return {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    simulatedS: run.now,
    offered: sum('tasksIn') + sum('rejectsBusy'),
    completed: sum('completed'),
    endReason,
    peakHeapMiB: peakHeap / 2 ** 20,
  };
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function presetsToDrain(): void {
  console.log(`presets run to full drain (cooldownS=${DRAIN_COOLDOWN_S}): the first run in this process (JIT warm-up`);
  console.log(`included; wall and CPU ms), then the best of ${REPEATS} more; rates are from the best run`);
  console.log(
    'scenario            end         sim s    tasks   first wall/cpu ms   best wall ms   sim s per wall s   lifecycles per wall s',
  );
  for (const name of Object.keys(PRESETS) as ScenarioName[]) {
    const spec = specFor(name, { cooldownS: DRAIN_COOLDOWN_S });
    const first = runOnce(spec, false);
    let best = first;
    for (let i = 0; i < REPEATS; i++) {
      const r = runOnce(spec, false);
      if (r.wallMs < best.wallMs) best = r;
    }
    console.log(
      [
        name.padEnd(19),
        first.endReason.padEnd(9),
        fmt(first.simulatedS, 1).padStart(7),
        fmt(first.offered).padStart(8),
        `${fmt(first.wallMs, 1)} / ${fmt(first.cpuMs, 1)}`.padStart(19),
        fmt(best.wallMs, 1).padStart(14),
        fmt(first.simulatedS / (best.wallMs / 1000)).padStart(18),
        fmt(first.completed / (best.wallMs / 1000)).padStart(23),
      ].join(' '),
    );
  }
}

function forcedGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function memoryAtGrowingLength(): void {
  const gc = forcedGc();
  const cases: { label: string; spec: (measureS: number) => ScenarioSpec }[] = [
    { label: 'steady (200 families, 200/s)', spec: (measureS) => specFor('steady', { measureS }) },
    {
      label: 'uncorrelated 1000/s',
      spec: (measureS) =>
        specFor('custom', {
          measureS,
          load: [{ families: 0, uncorrelated: true, ratePerS: 1000, startS: 0, keyPrefix: 'u-' }],
        }),
    },
  ];
  console.log('\nmemory as runs get longer (heapUsed: peak while running, and after GC at the end)');
  console.log('load                           measure s   tasks        wall ms   peak heap MiB   retained MiB');
  for (const c of cases) {
    for (const measureS of [30, 300, 3000]) {
      gc();
      const before = process.memoryUsage().heapUsed;
      const r = runOnce(c.spec(measureS), true);
      gc();
      const retained = (process.memoryUsage().heapUsed - before) / 2 ** 20;
      console.log(
        [
          c.label.padEnd(30),
          String(measureS).padStart(9),
          fmt(r.offered).padStart(11),
          fmt(r.wallMs, 1).padStart(12),
          fmt(r.peakHeapMiB, 1).padStart(15),
          fmt(retained, 2).padStart(14),
        ].join(' '),
      );
    }
  }
}

export function engineBench(): void {
  presetsToDrain();
  memoryAtGrowingLength();
}
