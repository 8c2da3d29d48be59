// Counter-line parser rate on a large generated log: 2 million logfmt lines (16 partitions, a
// foreign log line now and then) and 500,000 JSON lines. The log is generated in chunks of text
// outside the timed part; the timed part is what reading a log costs: splitting the text into
// lines and parsing them. Prints figures; asserts nothing.

import { CounterLineParser } from '../src/format/counterLineParser';
import { formatRunEvent } from '../src/format/counterLineWriter';
import type { PartitionCounters } from '../src/format/runEvents';

const PARTITIONS = 16;
const CHUNK_TICKS = 500;
const REPEATS = 3;
const TARGET_LINES_PER_S = 1_000_000;

/** The text of ticks [fromTick, toTick): counters that grow like a busy run's, plus some JVM noise. */
function generateChunk(fromTick: number, toTick: number, format: 'lines' | 'jsonl'): string {
  const lines: string[] = [];
  for (let i = fromTick; i < toTick; i++) {
    const partitions: PartitionCounters[] = [];
    for (let p = 0; p < PARTITIONS; p++) {
      const n = i * (1000 + p * 37);
      partitions.push({
        tasksIn: n + 17,
        dispatched: n + 9,
        completed: n,
        rejectsBusy: i * (p % 3),
        enqueuedDueToBusy: Math.floor(n / 7),
        maxPendingDepthObserved: 1200 + p,
        readyFamiliesCount: p % 5,
        inFlightFamiliesCount: 8 + (i % 3),
      });
    }
    for (const line of formatRunEvent({ type: 'tick', t: (i + 1) * 0.5, partitions }, format)) lines.push(line);
    if (i % 50 === 0)
      lines.push(`2024-05-01 12:00:${String(i % 60).padStart(2, '0')}.000 INFO [worker-${i % 4}] c.e.Scheduler - heartbeat ok`);
  }
  return `${lines.join('\n')}\n`;
}

function measure(totalLines: number, format: 'lines' | 'jsonl'): { lines: number; ms: number; ticks: number; errors: number } {
  const parser = new CounterLineParser();
  parser.push(`config partitions=${PARTITIONS} tickMs=500 scenario=custom seed=1`);
  let lines = 1;
  let ms = 0;
  let ticks = 0;
  const linesPerTick = PARTITIONS + 1 / 50;
  const totalTicks = Math.ceil(totalLines / linesPerTick);
  for (let from = 0; from < totalTicks; from += CHUNK_TICKS) {
    const text = generateChunk(from, Math.min(totalTicks, from + CHUNK_TICKS), format);
    const start = performance.now();
    let at = 0;
    let nl = text.indexOf('\n');
    while (nl >= 0) {
      ticks += parser.push(text.slice(at, nl)).length;
      lines++;
      at = nl + 1;
      nl = text.indexOf('\n', at);
    }
    ms += performance.now() - start;
  }
  const start = performance.now();
  ticks += parser.end().length;
  ms += performance.now() - start;
  return { lines, ms, ticks, errors: parser.stats.errorCount };
}

function report(label: string, totalLines: number, format: 'lines' | 'jsonl', target?: number): void {
  const runs = Array.from({ length: REPEATS }, () => measure(totalLines, format));
  const best = runs.reduce((a, b) => (b.lines / b.ms > a.lines / a.ms ? b : a));
  const rate = (best.lines / best.ms) * 1000;
  const median = runs.map((r) => (r.lines / r.ms) * 1000).sort((a, b) => a - b)[runs.length >> 1];
  const verdict =
    target === undefined
      ? ''
      : rate >= target
        ? `  (target ${(target / 1e6).toFixed(1)} M lines/s: met)`
        : `  (target ${(target / 1e6).toFixed(1)} M lines/s: NOT met)`;
  console.log(
    `${label.padEnd(8)} ${best.lines.toLocaleString('en-US')} lines, ${best.ticks.toLocaleString('en-US')} ticks, ${best.errors} errors: ` +
      `best ${(rate / 1e6).toFixed(2)} M lines/s, median ${(median / 1e6).toFixed(2)} M lines/s (${best.ms.toFixed(0)} ms)${verdict}`,
  );
}

export function parserBench(): void {
  report('logfmt', 2_000_000, 'lines', TARGET_LINES_PER_S);
  report('jsonl', 500_000, 'jsonl');
}
