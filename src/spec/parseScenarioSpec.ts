// Parses and validates a scenario spec (the YAML of a scenario cell or of `stressnb run spec.yaml`):
// every problem positioned, defaults and the preset's overrides applied, the load expanded.

import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import { didYouMean } from './editDistance';
import { PACE_FORMS, readPace, type Pace } from './pace';
import { PRESETS } from './presets';
import { readExpect } from './readExpect';
import { readFault } from './readFault';
import { readLoad } from './readLoad';
import { readSource, readSourceKind } from './readSource';
import { readSearch } from './readSearch';
import { readSweep } from './readSweep';
import { readWorkCost } from './readWorkCost';
import { SCENARIO_NAMES, type HandlerStyle, type ScenarioName, type ScenarioSpec, type SourceSpec, type WorkCost } from './scenarioSpec';
import { SPEC_DEFAULTS, SPEC_KEYS, type SpecKeyInfo } from './specKeys';
import { SPEC_LIMITS } from './specLimits';
import type { SearchPlan } from './searchPlan';
import { CAPACITY_METRIC } from './searchProbeSpec';
import type { ParsedScenarioSpec } from './specProblem';
import type { SweepPlan } from './sweepGrid';
import { fixedSpanMs, formatTimeRef } from './timeRef';
import { reportYamlSyntax } from './yamlSyntaxProblems';
import { describe, YamlSpecReader, type Entry } from './yamlSpecReader';

export type { ParsedScenarioSpec, SpecProblem } from './specProblem';

const NUMERIC_KEYS = [
  'partitions',
  'ringBufferSize',
  'workersPerPartition',
  'maxInFlightPerPartition',
  'intakeCostUs',
  'tickMs',
  'warmupS',
  'measureS',
  'cooldownS',
  'seed',
  'repeat',
] as const;
type NumericKey = (typeof NUMERIC_KEYS)[number];

export function parseScenarioSpec(text: string): ParsedScenarioSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const r = new YamlSpecReader(doc, lineCounter, text.length, Math.max(0, text.trimEnd().length - 1));
  const yamlErrorLines = reportYamlSyntax(r, doc, text, (offset) => lineCounter.linePos(offset).line);
  const syntaxProblemCount = r.problems.length;
  const { spec, sweep, search } = readSpec(r, doc.contents, text, doc.errors.length === 0);
  // Problems found on a line YAML could not parse are echoes of the syntax error.
  const problems = r.problems.filter((p, i) => i < syntaxProblemCount || !yamlErrorLines.has(p.line));
  const hasErrors = problems.some((p) => p.severity === 'error') || doc.errors.length > 0;
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  if (hasErrors || !spec) return { problems };
  return { spec, problems, ...(sweep ? { sweep } : {}), ...(search ? { search } : {}) };
}

function readSpec(
  r: YamlSpecReader,
  contents: unknown,
  text: string,
  syntaxOk: boolean,
): { spec?: ScenarioSpec; sweep?: SweepPlan; search?: SearchPlan } {
  const root = r.resolve(contents as Entry['value']);
  if (!root || !isMap(root)) {
    const firstLineEnd = text.indexOf('\n') === -1 ? text.length : text.indexOf('\n');
    const got = root ? `got ${describe(root)}` : 'the spec is empty';
    r.reportRange(
      0,
      Math.max(firstLineEnd, 0),
      `a scenario spec is a YAML mapping of keys, starting with scenario: (one of ${SCENARIO_NAMES.join(', ')}); ${got}`,
    );
    return {};
  }
  const top = r.entries(root, '', Object.keys(SPEC_KEYS));

  const sourceEntry = top.get('source');
  const sourceKind = readSourceKind(r, sourceEntry);
  const external = sourceKind !== undefined && sourceKind !== 'engine';

  const scenarioEntry = top.get('scenario');
  let scenario: ScenarioName | undefined;
  if (scenarioEntry) {
    scenario = r.oneOf(scenarioEntry, SCENARIO_NAMES);
  } else if (sourceKind === 'engine') {
    r.reportFirstLine(
      root,
      `missing scenario: one of ${SCENARIO_NAMES.join(', ')} (custom to describe the load yourself under load.streams)`,
    );
  } else if (external) {
    scenario = 'custom';
  }

  if (external) {
    for (const [key, e] of top) {
      if (SPEC_KEYS[key].source === 'engine') {
        r.report(
          e.keyNode,
          `${key} has no effect with source: ${sourceKind} (the ${SOURCE_WORDS[sourceKind!]} brings its own load and behaviour)`,
          'warning',
        );
      }
    }
  }

  const preset = scenario && scenario !== 'custom' ? PRESETS[scenario] : undefined;
  const numbers = { ...pickNumeric(SPEC_DEFAULTS), ...pickNumeric(preset?.overrides ?? {}) } as Record<NumericKey, number>;
  let numbersOk = true;
  for (const key of NUMERIC_KEYS) {
    const e = top.get(key);
    if (!e || (external && SPEC_KEYS[key].source === 'engine')) continue;
    const v = readNumberKey(r, e, SPEC_KEYS[key]);
    if (v === undefined) numbersOk = false;
    else numbers[key] = v;
  }
  if (numbersOk && !checkSizes(r, top, numbers)) numbersOk = false;
  const wakeupEntry = external ? undefined : top.get('intakeWakeupUs');
  const intakeWakeupUs = wakeupEntry ? r.number(wakeupEntry, SPEC_KEYS.intakeWakeupUs) : undefined;

  const workCostEntry = top.get('workCostMs');
  const workCost: WorkCost | undefined = workCostEntry ? readWorkCost(r, workCostEntry) : { dist: 'fixed', ms: SPEC_DEFAULTS.workCostMs };
  const handler: HandlerStyle | undefined = top.has('handler')
    ? r.oneOf(top.get('handler')!, SPEC_KEYS.handler.values as HandlerStyle[])
    : (preset?.overrides.handler ?? SPEC_DEFAULTS.handler);
  const pace: Pace | undefined = top.has('pace') ? readPaceKey(r, top.get('pace')!) : SPEC_DEFAULTS.pace;
  if (handler === 'sync' && top.has('maxInFlightPerPartition') && !external) {
    r.report(
      top.get('maxInFlightPerPartition')!.keyNode,
      'maxInFlightPerPartition applies to handler: async; with sync the workers (workersPerPartition) bound what is in flight',
      'warning',
    );
  }

  const runS = numbers.warmupS + numbers.measureS + numbers.cooldownS;
  const load = external
    ? []
    : scenario && numbersOk
      ? readLoad(r, top.get('load'), { scenario, scenarioEntry, warmupS: numbers.warmupS, measureS: numbers.measureS })
      : undefined;
  const fault = external
    ? { name: 'none' as const }
    : numbersOk && load
      ? readFault(r, top.get('fault'), { partitions: numbers.partitions, runS, load })
      : undefined;
  const searchEntry = top.get('search');
  const expectRead = readExpect(r, top.get('expect'), { search: searchEntry !== undefined });
  // `capacity` judges the search's answer, not a probe: it leaves the probes' thresholds.
  const { [CAPACITY_METRIC]: capacityThreshold, ...expect } = expectRead ?? {};
  const source = sourceKind ? readSource(r, sourceKind, top, sourceEntry) : undefined;
  if (source?.kind === 'prometheus' && source.measureFillsWindow && numbersOk) {
    if (!measureFromWindow(r, top, source, numbers)) numbersOk = false;
    else if (!checkSizes(r, top, numbers)) numbersOk = false;
  }

  const repeatOk = checkRepeat(r, top, numbers, source);
  const baseOk =
    repeatOk &&
    !(
      r.hasErrors ||
      (wakeupEntry && intakeWakeupUs === undefined) ||
      !scenario ||
      !numbersOk ||
      !workCost ||
      !handler ||
      !pace ||
      !load ||
      !fault ||
      !expectRead ||
      !source
    );
  const sweepEntry = top.get('sweep');
  const sweep = sweepEntry
    ? readSweep(r, sweepEntry, {
        text,
        top,
        scenario,
        ...(external ? { external: sourceKind } : {}),
        baseOk: baseOk && syntaxOk,
        baseWarnings: r.problems.filter((p) => p.severity === 'warning'),
        parse: parseScenarioSpec,
      })
    : undefined;
  const search = searchEntry
    ? readSearch(r, searchEntry, {
        text,
        top,
        scenario,
        ...(external ? { external: sourceKind } : {}),
        baseOk: baseOk && syntaxOk,
        baseWarnings: r.problems.filter((p) => p.severity === 'warning'),
        ...(capacityThreshold !== undefined ? { capacityThreshold } : {}),
        parse: parseScenarioSpec,
      })
    : undefined;
  if (!baseOk) return {};
  const spec: ScenarioSpec = {
    scenario: scenario!,
    partitions: numbers.partitions,
    ringBufferSize: numbers.ringBufferSize,
    workersPerPartition: numbers.workersPerPartition,
    workCostMs: workCost!,
    handler: handler!,
    maxInFlightPerPartition: numbers.maxInFlightPerPartition,
    intakeCostUs: numbers.intakeCostUs,
    ...(intakeWakeupUs !== undefined ? { intakeWakeupUs } : {}),
    tickMs: numbers.tickMs,
    warmupS: numbers.warmupS,
    measureS: numbers.measureS,
    cooldownS: numbers.cooldownS,
    seed: numbers.seed,
    ...(numbers.repeat > 1 ? { repeat: numbers.repeat } : {}),
    pace: pace!,
    load: load!,
    fault: fault!,
    expect,
    source: source!,
  };
  return { spec, sweep, search };
}

const SOURCE_WORDS: Record<string, string> = {
  command: 'command',
  file: 'log',
  metrics: 'service',
  prometheus: 'recorded service',
};

/**
 * `source: prometheus` without measureS: measure lasts from the end of warmup to cooldownS before
 * the end of the window. When the window's length does not depend on the clock it is checked now;
 * otherwise the source checks it when the run starts.
 */
function measureFromWindow(
  r: YamlSpecReader,
  top: Map<string, Entry>,
  source: Extract<ScenarioSpec['source'], { kind: 'prometheus' }>,
  numbers: Record<NumericKey, number>,
): boolean {
  const span = fixedSpanMs(source.from, source.to);
  if (span === undefined) return true;
  const measureS = span / 1000 - numbers.warmupS - numbers.cooldownS;
  if (measureS <= 0) {
    r.report(
      top.get('from')!.where,
      `the window (${span / 1000} s from ${formatTimeRef(source.from)} to ${formatTimeRef(source.to)}) leaves no time to measure after warmupS (${numbers.warmupS}) and cooldownS (${numbers.cooldownS}): widen it or shorten them`,
    );
    return false;
  }
  numbers.measureS = measureS;
  return true;
}

function readPaceKey(r: YamlSpecReader, entry: Entry): Pace | undefined {
  const node = r.resolve(entry.value);
  const written = node && isScalar(node) && ['string', 'number'].includes(typeof node.value) ? String(node.value) : undefined;
  if (written === undefined) {
    r.report(entry.where, `pace must be ${PACE_FORMS}; got ${describe(node)}`);
    return undefined;
  }
  const read = readPace(written);
  if ('pace' in read) return read.pace;
  r.report(entry.where, `pace ${read.error}${didYouMean(written, ['realtime', 'fast'])}`);
  return undefined;
}

function pickNumeric(values: Partial<Record<string, unknown>>): Partial<Record<NumericKey, number>> {
  return Object.fromEntries(NUMERIC_KEYS.filter((k) => typeof values[k] === 'number').map((k) => [k, values[k] as number]));
}

function readNumberKey(r: YamlSpecReader, e: Entry, info: SpecKeyInfo): number | undefined {
  const v = r.number(e, { ...info, integer: info.type === 'integer' });
  if (v !== undefined && e.key === 'ringBufferSize' && (v & (v - 1)) !== 0) {
    const lower = 2 ** Math.floor(Math.log2(v));
    r.report(e.where, `ringBufferSize must be a power of two (a Disruptor ring's size is 2^k); got ${v}, try ${lower} or ${lower * 2}`);
    return undefined;
  }
  return v;
}

/** `repeat:` with what it cannot go with: a sweep, a followed log, seeds past the largest. */
function checkRepeat(r: YamlSpecReader, top: Map<string, Entry>, n: Record<NumericKey, number>, source: SourceSpec | undefined): boolean {
  const entry = top.get('repeat');
  if (!entry || n.repeat <= 1) return true;
  if (top.has('sweep')) {
    r.report(
      entry.keyNode,
      'repeat does not apply to a sweep: every point runs once (sweep seed: [1, 2, 3, 4, 5] to run a point with several seeds)',
    );
    return false;
  }
  if (source?.kind === 'prometheus') {
    r.report(
      entry.keyNode,
      'repeat does not apply to source: prometheus: the same range of the same server gives the same run each time (repeat the runs themselves, then query each)',
    );
    return false;
  }
  if (source?.kind === 'file' && source.follow) {
    r.report(
      entry.keyNode,
      'repeat reads several finished log files; it cannot follow a log that is still being written (remove follow: true, or repeat:)',
    );
    return false;
  }
  if (n.seed + n.repeat - 1 > SPEC_LIMITS.maxSeed) {
    r.report(entry.where, `repeat: ${n.repeat} from seed ${n.seed} would need seeds past ${SPEC_LIMITS.maxSeed}, the largest; lower seed`);
    return false;
  }
  return true;
}

/** Combinations of sizes that would exhaust memory or print more than anyone can read. */
function checkSizes(r: YamlSpecReader, top: Map<string, Entry>, n: Record<NumericKey, number>): boolean {
  const at = (...keys: string[]) => {
    for (const k of keys) if (top.has(k)) return top.get(k)!.where;
    return top.values().next().value?.keyNode;
  };
  const slots = n.partitions * n.ringBufferSize;
  if (slots > SPEC_LIMITS.maxRingSlots) {
    const where = at('ringBufferSize', 'partitions');
    if (where)
      r.report(where, `partitions × ringBufferSize = ${slots} ring slots would exhaust memory; the limit is ${SPEC_LIMITS.maxRingSlots}`);
    return false;
  }
  const ticks = Math.ceil(((n.warmupS + n.measureS + n.cooldownS) * 1000) / n.tickMs);
  const where = at('tickMs', 'measureS', 'warmupS', 'cooldownS', 'partitions');
  if (ticks > SPEC_LIMITS.maxTicks) {
    if (where)
      r.report(
        where,
        `this run has ${ticks} ticks ((warmupS + measureS + cooldownS) / tickMs); the limit is ${SPEC_LIMITS.maxTicks}: raise tickMs or shorten the run`,
      );
    return false;
  }
  if (ticks * n.partitions > SPEC_LIMITS.maxPartitionLines) {
    if (where)
      r.report(
        where,
        `this run would print ${ticks * n.partitions} partition lines (${ticks} ticks × ${n.partitions} partitions); the limit is ${SPEC_LIMITS.maxPartitionLines}: raise tickMs or shorten the run`,
      );
    return false;
  }
  return true;
}
