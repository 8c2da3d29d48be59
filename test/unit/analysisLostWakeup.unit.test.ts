// lost-wakeup (stranded work): generated counter logs at 2 to 64 partitions read through
// `stressnb analyze`, what must not be called stranded (a healthy drain, no-release, a stuck
// handler, ready families nobody takes, a stuck ring consumer, a short gap), the rule's words in
// the report text, the Markdown, the headline's "Where to look" and the JUnit case, and
// `stressnb analyze` naming the stranded partition and window of the engine's lost-wakeup runs at
// 4 and 8 partitions, hot-family and steady.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { analyzeRun } from '../../src/analysis/analyzeRun';
import { formatReportJunit } from '../../src/report/reportJunit';
import { formatReportMarkdown } from '../../src/report/reportMarkdown';
import { formatReportText } from '../../src/report/reportText';
import type { RunReport, TriageHint } from '../../src/analysis/reportTypes';
import { finalHeadline, formatHeadlineText } from '../../src/report/runHeadline';
import { analyzeCommand } from '../../src/cli/analyzeCommand';
import { bufferIo } from '../../src/cli/cliIo';
import { main } from '../../src/cli/cli';
import { partitionOfKey } from '../../src/engine/hash';
import { createRun } from '../../src/engine/simulation';
import { formatRunEvent } from '../../src/format/counterLineWriter';
import type { PartitionCounters, RunEvent } from '../../src/format/runEvents';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import { syntheticRun } from './helpers/syntheticRun';
import { tempFiles } from './helpers/tempFiles';

const files = tempFiles('stressnb-lost-wakeup-');

// ---- generated logs ----

/** How the backlog partitions end, after production stopped at 8.0 s (tick 15). */
type Ending =
  | 'stranded' // tick 23 completes the task in flight; the rest stays queued with nothing ready and nothing in flight
  | 'stranded-with-arrivals' // as stranded, and a few tasks keep arriving that are not dispatched either
  | 'drained' // the backlog keeps completing until nothing is left
  | 'leaked' // the family stays marked in flight with no task in flight (no-release)
  | 'stuck-handler' // the task in flight never completes
  | 'ready-not-taken' // the family is ready and nobody dispatches it
  | 'ready-for-a-while' // the family is ready for the first 3 s of the window, then no longer, and nothing is dispatched
  | 'held-for-a-while' // the family stays marked in flight (no task) for the first 3 s of the window, then is released without a dispatch
  | 'ring-full' // nothing ready, nothing in flight, the ring rejecting: the intake is stuck
  | 'short-gap'; // stranded for two ticks, then a new task of the family wakes it and it drains

const TICKS = 40; // 0.5 s ticks: 0.5 s to 20.0 s
const PRODUCTION_END = 15; // last tick with arrivals: 8.0 s
const LAST_PROGRESS = 23; // 12.0 s
const BURST = 400;

function counters(
  tasksIn: number,
  dispatched: number,
  completed: number,
  gauges: { ready?: number; inFlight?: number; rejects?: number } = {},
): PartitionCounters {
  return {
    tasksIn,
    dispatched,
    completed,
    rejectsBusy: gauges.rejects ?? 0,
    enqueuedDueToBusy: Math.min(tasksIn, BURST),
    maxPendingDepthObserved: Math.min(tasksIn, BURST),
    readyFamiliesCount: gauges.ready ?? 0,
    inFlightFamiliesCount: gauges.inFlight ?? 0,
  };
}

/** A partition that takes 10 tasks a tick while production runs and completes each within its tick. */
function drainedPartition(i: number): PartitionCounters {
  const n = (Math.min(i, PRODUCTION_END) + 1) * 10;
  return { ...counters(n, n, n), enqueuedDueToBusy: 0, maxPendingDepthObserved: 1 };
}

/** A partition with a hot family's backlog: a burst of 400 at tick 2, completed 10 a tick with one task in flight, then `ending`. */
function backlogPartition(i: number, ending: Ending): PartitionCounters {
  const arrived = (Math.min(i, PRODUCTION_END) + 1) * 10 + (i >= 2 ? BURST : 0);
  const done = (k: number) => Math.min(arrived, (k + 1) * 10);
  if (i < LAST_PROGRESS || ending === 'drained') {
    const c = Math.min(arrived, done(i) + (ending === 'drained' ? Math.max(0, i - LAST_PROGRESS) * 20 : 0));
    const inFlight = c < arrived ? 1 : 0;
    return counters(arrived, c + inFlight, c, { inFlight });
  }
  const c = done(LAST_PROGRESS - 1) + 1; // the task in flight at tick 22 completed in tick 23
  switch (ending) {
    case 'stranded':
      return counters(arrived, c, c);
    case 'stranded-with-arrivals':
      return counters(arrived + (i - LAST_PROGRESS) * 2, c, c);
    case 'leaked':
      return counters(arrived, c, c, { inFlight: 1 });
    case 'stuck-handler':
      return counters(arrived, c, c - 1, { inFlight: 1 });
    case 'ready-not-taken':
      return counters(arrived, c, c, { ready: 1 });
    case 'ready-for-a-while':
      return counters(arrived, c, c, { ready: i <= LAST_PROGRESS + 6 ? 1 : 0 });
    case 'held-for-a-while':
      return counters(arrived, c, c, { inFlight: i <= LAST_PROGRESS + 6 ? 1 : 0 });
    case 'ring-full':
      return counters(arrived, c, c, { rejects: (i - LAST_PROGRESS) * 50 });
    case 'short-gap': {
      if (i <= LAST_PROGRESS + 2) return counters(arrived, c, c);
      // A new task of the family arrives and wakes it: the rest completes 20 a tick.
      const woke = arrived + 1;
      const after = Math.min(woke, c + (i - LAST_PROGRESS - 2) * 20);
      const inFlight = after < woke ? 1 : 0;
      return counters(woke, after + inFlight, after, { inFlight });
    }
  }
}

function generatedRun(partitions: number, backlog: readonly number[], ending: Ending, ticks = TICKS): RunEvent[] {
  return syntheticRun({
    partitions,
    ticks,
    config: { scenario: 'custom', workCostMs: 15 },
    phases: [
      { beforeTick: 0, phase: 'measure' },
      { beforeTick: PRODUCTION_END + 1, phase: 'cooldown' },
    ],
    done: false,
    counters: (p, i) => (backlog.includes(p) ? backlogPartition(i, ending) : drainedPartition(i)),
  });
}

function logText(events: readonly RunEvent[]): string {
  return `${events.flatMap((e) => formatRunEvent(e, 'lines')).join('\n')}\n`;
}

let logs = 0;

async function analyzeLog(text: string, format = 'json'): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = bufferIo();
  const status = await analyzeCommand.run([files.file(`run-${++logs}.log`, text), '--format', format], io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

function rules(hints: readonly TriageHint[]): string[] {
  return hints.map((h) => `${h.rule}${JSON.stringify(h.partitions)}`);
}

/** The stranded partitions of a run with N partitions: the last one, and for 8 or more a second one. */
function backlogOf(n: number): number[] {
  return n >= 8 ? [1, n - 1] : [n - 1];
}

const STRANDED_EACH = (PRODUCTION_END + 1) * 10 + BURST - (LAST_PROGRESS * 10 + 1); // 560 - 231 = 329

describe('lost-wakeup on generated logs, 2 to 64 partitions', () => {
  for (const n of [2, 3, 4, 8, 16, 32, 64]) {
    test(`${n} partitions: the stranded partitions, the window after production ended, the stranded tasks and the counters`, async () => {
      const backlog = backlogOf(n);
      const { status, stdout, stderr } = await analyzeLog(logText(generatedRun(n, backlog, 'stranded')));
      assert.equal(stderr, '');
      assert.equal(status, 1, 'a run with stranded work fails');
      const report = JSON.parse(stdout) as RunReport;
      assert.deepEqual(rules(report.hints), [`lost-wakeup${JSON.stringify(backlog)}`]);
      const [hint] = report.hints;
      // From the last tick with progress (12.0 s, 4 s after production ended at 8.0 s) to the last tick.
      assert.deepEqual([hint.from, hint.to], [12, 20]);
      const total = STRANDED_EACH * backlog.length;
      assert.match(
        hint.message,
        new RegExp(
          `^Partitions? ${backlog.join(' and ')} held ${total} stranded tasks${backlog.length > 1 ? ` \\(${STRANDED_EACH}, ${STRANDED_EACH}\\)` : ''} from 12\\.0 s to 20\\.0 s with nothing to dispatch`,
        ),
      );
      assert.match(hint.message, /readyFamiliesCount and inFlightFamiliesCount read 0 and dispatched stayed at 231/);
      assert.match(hint.message, /lost wake-up/);
      assert.doesNotMatch(hint.message, /arrived since/);
      assert.deepEqual(
        hint.evidence.map((e) => e.partition),
        backlog,
      );
      for (const e of hint.evidence) {
        const c = Object.fromEntries(e.counters.map((x) => [x.counter, [x.from, x.to]]));
        assert.deepEqual(c, {
          tasksIn: [560, 560],
          dispatched: [231, 231],
          completed: [231, 231],
          outstanding: [STRANDED_EACH, STRANDED_EACH],
          readyFamiliesCount: [0, 0],
          inFlightFamiliesCount: [0, 0],
        });
      }
    });
  }

  test('tasks that keep arriving during the window are named apart, not counted as stranded', async () => {
    const { stdout } = await analyzeLog(logText(generatedRun(4, [2], 'stranded-with-arrivals')));
    const report = JSON.parse(stdout) as RunReport;
    assert.deepEqual(rules(report.hints), ['lost-wakeup[2]']);
    assert.match(report.hints[0].message, new RegExp(`held ${STRANDED_EACH} stranded tasks from 12\\.0 s to 20\\.0 s`));
    assert.match(report.hints[0].message, /; the 32 tasks that arrived since were not dispatched either\./);
  });
});

describe('what is not stranded work', () => {
  const cases: { ending: Ending; expected: (p: number[]) => string[] }[] = [
    { ending: 'drained', expected: () => [] },
    { ending: 'short-gap', expected: () => [] },
    { ending: 'leaked', expected: (p) => [`release-missing${JSON.stringify(p)}`] },
    { ending: 'stuck-handler', expected: (p) => [`handler-stuck${JSON.stringify(p)}`] },
    // A family ready that nobody takes is the worker loop's (gating-stuck here: nothing arrives, nothing was being dispatched).
    { ending: 'ready-not-taken', expected: (p) => [`gating-stuck${JSON.stringify(p)}`] },
    // The rule needs nothing ready and nothing in flight at every tick of the window, not only at its end.
    { ending: 'ready-for-a-while', expected: (p) => [`gating-stuck${JSON.stringify(p)}`] },
    { ending: 'held-for-a-while', expected: (p) => [`gating-stuck${JSON.stringify(p)}`] },
    { ending: 'ring-full', expected: (p) => [`consumer-stuck${JSON.stringify(p)}`] },
  ];
  for (const { ending, expected } of cases) {
    test(`${ending}: ${expected([0]).length === 0 ? 'no hint' : expected([0])[0].replace(/\[.*/, '')}, never lost-wakeup`, () => {
      for (const n of [2, 4, 16, 64]) {
        const backlog = backlogOf(n);
        const { hints } = analyzeRun(generatedRun(n, backlog, ending));
        assert.deepEqual(rules(hints), expected(backlog), `${n} partitions`);
      }
    });
  }

  test('a hot backlog still draining when the run ends (completed rising, one task in flight) is no hint', () => {
    for (const n of [2, 8, 64]) {
      const { hints } = analyzeRun(generatedRun(n, backlogOf(n), 'stranded', LAST_PROGRESS));
      assert.deepEqual(rules(hints), [], `${n} partitions`);
    }
  });
});

describe('lost-wakeup rests on the counters it reads', () => {
  // Each break keeps the stranded pattern (nothing ready, nothing in flight, dispatched flat) but
  // puts one counter the rule reads in doubt: the finding is withheld, never reported as a hint.
  const breaks: { counter: string; change: (c: PartitionCounters, i: number) => PartitionCounters }[] = [
    { counter: 'tasksIn', change: (c, i) => ({ ...c, tasksIn: c.tasksIn - (i >= 30 ? 1 : 0) }) },
    { counter: 'readyFamiliesCount', change: (c, i) => ({ ...c, readyFamiliesCount: i >= 30 ? -1 : 0 }) },
    { counter: 'inFlightFamiliesCount', change: (c, i) => ({ ...c, inFlightFamiliesCount: i >= 30 ? -1 : 0 }) },
  ];
  for (const { counter, change } of breaks) {
    test(`${counter} in doubt on the stranded partition: withheld`, () => {
      const events = syntheticRun({
        partitions: 4,
        ticks: TICKS,
        config: { scenario: 'custom', workCostMs: 15 },
        done: false,
        counters: (p, i) =>
          p === 2
            ? i > LAST_PROGRESS
              ? change(backlogPartition(i, 'stranded'), i)
              : backlogPartition(i, 'stranded')
            : drainedPartition(i),
      });
      const report = analyzeRun(events);
      assert.deepEqual(
        report.hints.map((h) => h.rule),
        ['counter-integrity'],
        JSON.stringify(report.hints.map((h) => h.message)),
      );
      // (A negative inFlightFamiliesCount also withholds gating-bypassed, which reads it too.)
      const lost = report.withheld.filter((w) => w.rule === 'lost-wakeup');
      assert.deepEqual(
        lost.map((w) => w.partitions),
        [[2]],
      );
      assert.match(lost[0].reason, new RegExp(`reads ${counter} on partition 2, which broke counter integrity`));
    });
  }
});

// ---- the rule's words in every surface ----

describe('lost-wakeup in the report, the Markdown, the headline and JUnit', () => {
  const report = analyzeRun(generatedRun(4, [3], 'stranded'));
  const where = 'partition 3, 12.0 s to 20.0 s';

  test('report text: the hint with its window, message and counters', () => {
    const text = formatReportText(report);
    const at = text.indexOf('[HINT] lost-wakeup on partition 3, 12.0 s to 20.0 s');
    assert.ok(at >= 0, text);
    const block = text.slice(at);
    assert.match(block, /\n\s+Partition 3 held 329 stranded tasks from 12\.0 s to 20\.0 s with nothing to dispatch/);
    assert.match(
      block,
      /\n\s+partition 3, 12\.0 s to 20\.0 s: tasksIn 560 → 560 \(\+0\), dispatched 231 → 231 \(\+0\), completed 231 → 231 \(\+0\), outstanding 329 → 329 \(\+0\), readyFamiliesCount 0 → 0 \(\+0\), inFlightFamiliesCount 0 → 0 \(\+0\)/,
    );
    assert.doesNotMatch(text, /dispatch-blocked|gating-stuck/);
  });

  test('Markdown: "Where to look" names it first, and the hints list carries its message and counters', () => {
    const md = formatReportMarkdown(report);
    const look = md.slice(md.indexOf('**Where to look:**'), md.indexOf('####'));
    assert.match(look, /^- lost-wakeup: partition 3, 12\.0 s to 20\.0 s$/m);
    assert.match(md, /^- ✗ \*\*lost-wakeup\*\* on partition 3, 12\.0 s to 20\.0 s: Partition 3 held 329 stranded tasks/m);
    assert.match(md, /^ {2}- partition 3, 12\.0 s to 20\.0 s: tasksIn 560 → 560/m);
  });

  test('headline: "Where to look" points at the stranded partition and its window, with the message', () => {
    const headline = finalHeadline({
      outcome: { state: 'finished' },
      config: { partitions: 4, scenario: 'custom', seed: 1 },
      report,
      elapsedS: 20,
      ticks: TICKS,
    });
    assert.equal(headline.status, 'fail');
    assert.deepEqual(headline.look[0], { kind: 'hint', label: 'lost-wakeup', where, detail: report.hints[0].message });
    assert.match(
      formatHeadlineText(headline),
      /Where to look:\n {2}✗ lost-wakeup: partition 3, 12\.0 s to 20\.0 s — Partition 3 held 329 stranded tasks/,
    );
  });

  test('JUnit: the "no lost-wakeup" case fails with the window and the counters; "no dispatch-blocked" passes', () => {
    const xml = formatReportJunit(report);
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) });
    const cases = parser.parse(xml).testsuites.testsuite[0].testcase as {
      '@_name': string;
      '@_classname': string;
      failure?: { '@_message': string; '@_type': string; '#text': string };
    }[];
    const lost = cases.find((c) => c['@_classname'] === 'stressnb.triage' && c['@_name'] === 'no lost-wakeup');
    assert.ok(lost?.failure, xml);
    assert.equal(lost.failure['@_type'], 'lost-wakeup');
    assert.equal(lost.failure['@_message'], where);
    assert.match(lost.failure['#text'], /^lost-wakeup on partition 3, 12\.0 s to 20\.0 s: Partition 3 held 329 stranded tasks/);
    assert.match(
      lost.failure['#text'],
      /outstanding 329 → 329 \(\+0\), readyFamiliesCount 0 → 0 \(\+0\), inFlightFamiliesCount 0 → 0 \(\+0\)/,
    );
    const blocked = cases.find((c) => c['@_name'] === 'no dispatch-blocked');
    assert.ok(blocked && !blocked.failure);
  });
});

// ---- stressnb run | stressnb analyze on the engine's lost-wakeup runs ----

/** Partitions the engine itself left with stranded tasks (queued in idle families) at the end of the run. */
function engineStranded(yaml: string): number[] {
  const { spec } = parseScenarioSpec(yaml);
  const run = createRun(spec!);
  while (!run.finished) run.step();
  return run.inspect().partitions.flatMap((p, i) => (p.stranded > 0 ? [i] : []));
}

async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const io = bufferIo();
  const status = await main(args, io);
  return { status, stdout: io.stdout, stderr: io.stderr };
}

describe('stressnb analyze names the stranded partition and window of lost-wakeup runs', () => {
  // steady at its defaults never leaves a task waiting behind its own family (nothing to strand);
  // this steady load's families queue behind themselves now and then (exponential work cost).
  const QUEUEING_STEADY = 'workCostMs: { dist: exponential, meanMs: 15 }\nload: { families: 40, ratePerS: 2000 }\n';
  for (const scenario of ['hot-family', 'steady'] as const) {
    for (const partitions of [4, 8]) {
      test(`${scenario}, ${partitions} partitions`, async () => {
        const yaml = `scenario: ${scenario}\npartitions: ${partitions}\nfault: lost-wakeup\n${scenario === 'steady' ? QUEUEING_STEADY : ''}`;
        const log = await cli(['run', files.file(`${scenario}-${partitions}.yaml`, yaml)]);
        assert.equal(log.status, 0, log.stderr);
        const stranded = engineStranded(yaml);
        if (scenario === 'hot-family') assert.deepEqual(stranded, [partitionOfKey('hot-0', partitions)], 'the hot family is stranded');
        assert.ok(stranded.length > 0);

        const json = await analyzeLog(log.stdout);
        assert.equal(json.status, 1);
        const report = JSON.parse(json.stdout) as RunReport;
        assert.deepEqual(rules(report.hints), [`lost-wakeup${JSON.stringify(stranded)}`]);
        const [hint] = report.hints;
        // Production ends at 33 s (warmup 3 + measure 30); the run times out at 43 s.
        assert.equal(hint.to, 43);
        if (scenario === 'steady') assert.ok(hint.from >= 33 && hint.from <= 34, `from ${hint.from}`);
        else assert.ok(hint.from >= 4.5 && hint.from <= 33, `from ${hint.from}: after the hot burst, once the other families are done`);
        const held = hint.evidence.reduce((s, e) => s + e.counters.find((c) => c.counter === 'outstanding')!.from, 0);

        const text = await analyzeLog(log.stdout, 'text');
        assert.equal(text.status, 1);
        const window = `${hint.from.toFixed(1)} s to 43.0 s`;
        const who =
          stranded.length === 1 ? `partition ${stranded[0]}` : `partitions ${stranded.slice(0, -1).join(', ')} and ${stranded.at(-1)}`;
        assert.match(text.stdout, new RegExp(`^ {2}- lost-wakeup: ${who}, ${window}$`, 'm'));
        assert.match(
          text.stdout,
          new RegExp(
            `\\[HINT\\] lost-wakeup on ${who}, ${window}\\n\\s+${who[0].toUpperCase()}${who.slice(1)} held ${held.toLocaleString('en-US')} stranded tasks?`,
          ),
        );
        assert.doesNotMatch(text.stdout, /dispatch-blocked|gating-stuck|global-stall/);
      });
    }
  }
});
