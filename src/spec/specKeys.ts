// Documentation and shape of every scenario-spec key, for the editor (completion, hover) and for
// the parser's "did you mean". The parser enforces the rules; this file describes them.

import { DEFAULT_INTAKE_WAKEUP_US } from './intakeDefaults';
import { DEFAULT_LOST_WAKEUP_RATE, DEFAULT_NO_RELEASE_RATE, DEFAULT_STALL_PARTITION, DEFAULT_STUCK_PARTITION } from './faultDefaults';
import { PRESETS } from './presets';
import { BASELINE_DOC, thresholdExamples, type ThresholdExample } from './thresholdExamples';
import { THRESHOLD_METRIC_DOCS, THRESHOLD_METRICS } from './thresholdMetrics';
import { FAULT_NAMES, SCENARIO_NAMES, type ExternalSourceKind, type ScenarioName } from './scenarioSpec';
import { DEFAULT_PARTITION_LABEL } from './metricNames';
import { SPEC_LIMITS } from './specLimits';
import { DEFAULT_EDITOR_PACE, MAX_PACE_FACTOR, MIN_PACE_FACTOR, SUGGESTED_PACES } from './pace';

export type SpecValueType =
  | 'integer'
  | 'number'
  | 'string'
  | 'boolean'
  | 'enum'
  | 'mapping'
  | 'list'
  /** A number, or a mapping that refines it (workCostMs, fault). */
  | 'number-or-mapping'
  | 'enum-or-mapping'
  /** A quoted comparison such as "< 1" or ">= baseline - 10%" (expect: values). */
  | 'comparison';

export interface SpecKeyInfo {
  doc: string;
  type: SpecValueType;
  /** Allowed values of an enum (or the names of an enum-or-mapping). */
  values?: readonly string[];
  /** Other values an enum accepts beyond `values`, in words (e.g. any speed factor). */
  moreValues?: string;
  /** Documentation of each enum value (or word of a comparison, `baseline`), for hover and completion. */
  valueDocs?: Readonly<Record<string, string>>;
  /** Ready-made values offered by completion (comparisons of `expect:`). */
  examples?: readonly ThresholdExample[];
  default?: string | number | boolean;
  min?: number;
  /** The value must be strictly greater than `min`. */
  minExclusive?: boolean;
  max?: number;
  required?: boolean;
  /** The key only applies with the built-in engine, or with these sources. */
  source?: 'engine' | readonly ExternalSourceKind[];
}

/** Global defaults, before a preset's overrides (PRESETS[scenario].overrides) are applied. */
export const SPEC_DEFAULTS = {
  partitions: 4,
  ringBufferSize: 1024,
  workersPerPartition: 1,
  workCostMs: 15,
  handler: 'async',
  maxInFlightPerPartition: 0,
  intakeCostUs: 5,
  tickMs: 500,
  warmupS: 3,
  measureS: 30,
  cooldownS: 10,
  seed: 1,
  repeat: 1,
  pace: DEFAULT_EDITOR_PACE,
  fault: 'none',
  source: 'engine',
} as const;

const SCENARIO_DOCS: Record<ScenarioName, string> = {
  ...Object.fromEntries(Object.entries(PRESETS).map(([name, preset]) => [name, preset.doc])),
  custom: 'The load is described by the cell itself: `load: { streams: [...] }`.',
} as Record<ScenarioName, string>;

export const FAULT_DOCS: Readonly<Record<(typeof FAULT_NAMES)[number], string>> = {
  none: 'No injected defect.',
  'no-release': `About ${DEFAULT_NO_RELEASE_RATE * 100}% of completions (fault.rate) do not release their family: it stays in flight forever.`,
  'neg1-single-family': 'All correlationId = -1 tasks share one family, so they are serialised.',
  'hash-skew': 'Every task is routed to partition 0.',
  'stuck-handler': `The business handler of one partition (fault.partition, default ${DEFAULT_STUCK_PARTITION}) stops completing from fault.atS on (default: a third into the measure window).`,
  'dispatch-stall': `The worker loop of one partition (fault.partition, default ${DEFAULT_STALL_PARTITION}) stops dispatching from fault.atS on (default: a third into the measure window).`,
  'early-release':
    "A family is released when its task is handed to the handler (at dispatch) instead of in completeSink#onComplete: in-flight gating is bypassed, and a family's queued tasks are all dispatched at once.",
  'lost-wakeup': `After warmup, about ${DEFAULT_LOST_WAKEUP_RATE * 100}% of the releases that leave pending work (fault.rate) do not put the family back on readyFamilies (a missed recheck): its tasks are stranded until a new task of the family arrives.`,
};

export const SPEC_KEYS: Readonly<Record<string, SpecKeyInfo>> = {
  scenario: {
    doc: "The scenario to run: a preset with the seed's defaults, or `custom` with your own load. Required with the built-in engine.",
    type: 'enum',
    values: SCENARIO_NAMES,
    valueDocs: SCENARIO_DOCS,
    required: true,
  },
  partitions: {
    doc: 'Number of partitions N; a task goes to partition hash(familyKey) mod N.',
    type: 'integer',
    default: SPEC_DEFAULTS.partitions,
    min: 1,
    max: SPEC_LIMITS.maxPartitions,
  },
  ringBufferSize: {
    doc: "Slots in each partition's ring buffer (a power of two). A publish into a full ring is rejected and counted in rejectsBusy. small-ring-burst defaults to 64.",
    type: 'integer',
    default: SPEC_DEFAULTS.ringBufferSize,
    min: 1,
    max: SPEC_LIMITS.maxRingBufferSize,
  },
  workersPerPartition: {
    doc: 'Worker loops per partition. With `handler: sync` each worker is busy for the work cost of its task.',
    type: 'integer',
    default: SPEC_DEFAULTS.workersPerPartition,
    min: 1,
    max: SPEC_LIMITS.maxWorkersPerPartition,
  },
  workCostMs: {
    doc: 'Business-handler cost per task in milliseconds: a number, or a distribution such as `{ dist: lognormal, medianMs: 15, sigma: 0.5 }` (dist: fixed, uniform, exponential, lognormal).',
    type: 'number-or-mapping',
    default: SPEC_DEFAULTS.workCostMs,
    min: 0,
    minExclusive: true,
    max: SPEC_LIMITS.maxWorkCostMs,
  },
  handler: {
    doc: 'How the business handler runs.',
    type: 'enum',
    values: ['async', 'sync'],
    valueDocs: {
      async: 'I/O-like: dispatch hands the task over and the worker moves on; completion arrives workCostMs later.',
      sync: 'CPU-like: the worker runs the task and is busy for its work cost.',
    },
    default: SPEC_DEFAULTS.handler,
  },
  maxInFlightPerPartition: {
    doc: 'With `handler: async`: at most this many tasks in flight per partition (0 = unbounded).',
    type: 'integer',
    default: SPEC_DEFAULTS.maxInFlightPerPartition,
    min: 0,
    max: SPEC_LIMITS.maxInFlightPerPartition,
    source: 'engine',
  },
  intakeCostUs: {
    doc: 'Cost in microseconds of moving one event from the ring into the FamilyScheduler (the ring consumer). A burst published faster than this fills the ring.',
    type: 'number',
    default: SPEC_DEFAULTS.intakeCostUs,
    min: 0,
    max: SPEC_LIMITS.maxIntakeCostUs,
    source: 'engine',
  },
  intakeWakeupUs: {
    doc: 'Latency in microseconds before a parked ring consumer runs again after a publish wakes it (OS scheduling delay); the ring only fills meanwhile. This is what makes a small ring reject during a burst.',
    type: 'number',
    default: DEFAULT_INTAKE_WAKEUP_US,
    min: 0,
    max: SPEC_LIMITS.maxIntakeCostUs,
    source: 'engine',
  },
  tickMs: {
    doc: 'Period of the counter lines, in milliseconds.',
    type: 'integer',
    default: SPEC_DEFAULTS.tickMs,
    min: 1,
    max: SPEC_LIMITS.maxTickMs,
  },
  warmupS: {
    doc: 'Warmup phase in seconds (ignored in results).',
    type: 'number',
    default: SPEC_DEFAULTS.warmupS,
    min: 0,
    max: SPEC_LIMITS.maxPhaseS,
  },
  measureS: {
    doc: 'Measure phase in seconds: the window for throughput and checks. Production stops at its end.',
    type: 'number',
    default: SPEC_DEFAULTS.measureS,
    min: 0,
    minExclusive: true,
    max: SPEC_LIMITS.maxPhaseS,
  },
  cooldownS: {
    doc: 'Cooldown in seconds: no more production; the run ends when everything has drained or this time has passed.',
    type: 'number',
    default: SPEC_DEFAULTS.cooldownS,
    min: 0,
    max: SPEC_LIMITS.maxPhaseS,
  },
  seed: {
    doc: "Seed of the simulation's randomness: the same spec and seed give identical output.",
    type: 'integer',
    default: SPEC_DEFAULTS.seed,
    min: 0,
    max: SPEC_LIMITS.maxSeed,
  },
  repeat: {
    doc:
      'Run the scenario this many times and judge the runs together: a run is one sample of a system whose speed varies from run to run. ' +
      'The engine runs seeds seed, seed+1, …; a command runs N times (STRESSNB_REPEAT is 1, 2, … in its environment); a log file source reads N files, its path a pattern such as `runs/run-*.log`. ' +
      'Each repeat gets its verdict; the cell shows the median and the spread of every metric, and `stressnb compare` tests two sets of repeats against the noise.',
    type: 'integer',
    default: SPEC_DEFAULTS.repeat,
    min: 1,
    max: SPEC_LIMITS.maxRepeat,
  },
  pace: {
    doc: 'How fast the editor plays a run of the built-in engine; the numbers are the same at every pace. Without `pace:` the setting Stressnb: Default Pace decides (10x unless changed).',
    type: 'enum',
    values: SUGGESTED_PACES,
    moreValues: `or any speed factor from ${MIN_PACE_FACTOR}x to ${MAX_PACE_FACTOR}x`,
    valueDocs: {
      realtime: 'One tick per tickMs of wall-clock time: watch the run as it would happen.',
      '2x': 'Twice as fast as realtime.',
      '10x': "Ten times as fast as realtime: a 30 s run plays in 3 s, tick by tick (the editor's default).",
      '50x': 'Fifty times as fast as realtime.',
      fast: 'As fast as the machine allows (`stressnb run` always runs fast).',
    },
    default: SPEC_DEFAULTS.pace,
  },
  load: {
    doc: "The scenario's load: the preset's numbers to override (for example `load: { hotTasks: 5000 }`), or for `custom` a list of `streams`.",
    type: 'mapping',
    source: 'engine',
  },
  fault: {
    doc: 'An injected defect for rehearsing triage: a name, or `{ name, atS, partition, rate }`.',
    type: 'enum-or-mapping',
    values: FAULT_NAMES,
    valueDocs: FAULT_DOCS,
    default: SPEC_DEFAULTS.fault,
    source: 'engine',
  },
  expect: {
    doc: 'Thresholds that fail the run loudly: metric name -> comparison with a number or with the pinned baseline, for example `rejectPct: "< 1"`, `completedPerS: ">= 250"` or `completedPerS: ">= baseline - 10%"` (quote comparisons that start with >).',
    type: 'mapping',
  },
  source: {
    doc: 'Where the counter lines come from.',
    type: 'enum',
    values: ['engine', 'command', 'file', 'metrics', 'prometheus'],
    valueDocs: {
      engine: 'The built-in simulation of the scheduler.',
      command: 'A command (your stress harness) that prints counter lines; runs only in a trusted workspace.',
      file: 'A log file of counter lines (`follow: true` to tail one that is still being written).',
      metrics:
        "A Prometheus exposition endpoint (`url`, e.g. Micrometer's /actuator/prometheus or client_golang's /metrics) scraped every tickMs through the phases, optionally after starting the service (`command`); runs only in a trusted workspace.",
      prometheus:
        'A Prometheus server (`url`) queried over a past window (`from`, `to`), one step per tickMs: triage an incident or a soak after the fact; runs only in a trusted workspace.',
    },
    default: SPEC_DEFAULTS.source,
  },
  command: {
    doc: 'With `source: command`: the program to start (no shell). With `source: metrics`: the service to start before scraping (optional).',
    type: 'string',
    source: ['command', 'metrics'],
  },
  args: { doc: "With `source: command` or `metrics`: the command's arguments, a list.", type: 'list', source: ['command', 'metrics'] },
  cwd: {
    doc: "With `source: command` or `metrics`: the command's working directory (relative paths are resolved from the notebook's folder).",
    type: 'string',
    source: ['command', 'metrics'],
  },
  env: {
    doc: 'With `source: command` or `metrics`: extra environment variables for the command, a mapping NAME: value.',
    type: 'mapping',
    source: ['command', 'metrics'],
  },
  path: {
    doc: "With `source: file`: the log file to read (relative paths are resolved from the notebook's folder).",
    type: 'string',
    source: ['file'],
  },
  follow: {
    doc: 'With `source: file`: keep reading as the file grows (tail -f) until interrupted.',
    type: 'boolean',
    default: false,
    source: ['file'],
  },
  url: {
    doc: 'With `source: metrics`: the exposition endpoint, e.g. `http://127.0.0.1:9404/metrics`. With `source: prometheus`: the Prometheus server, e.g. `http://127.0.0.1:9090`. Only this URL is asked.',
    type: 'string',
    source: ['metrics', 'prometheus'],
  },
  metrics: {
    doc: 'With `source: metrics` or `prometheus`: the metric name of a counter or gauge, overriding the default, e.g. `{ completed: myapp_tasks_completed_total }`. Defaults: scheduler_tasks_in_total, scheduler_dispatched_total, scheduler_completed_total, scheduler_rejects_busy_total, scheduler_enqueued_due_to_busy_total, scheduler_max_pending_depth_observed, scheduler_ready_families, scheduler_in_flight_families.',
    type: 'mapping',
    source: ['metrics', 'prometheus'],
  },
  partitionLabel: {
    doc: 'With `source: metrics` or `prometheus`: the label whose value is the partition number.',
    type: 'string',
    default: DEFAULT_PARTITION_LABEL,
    source: ['metrics', 'prometheus'],
  },
  labels: {
    doc: 'With `source: metrics` or `prometheus`: read only the series with these label values, a mapping such as `{ instance: "10.0.0.7:9404" }`.',
    type: 'mapping',
    source: ['metrics', 'prometheus'],
  },
  instances: {
    doc: 'With `source: metrics` or `prometheus`: what to do with several instances (series that differ in a label other than the partition).',
    type: 'enum',
    values: ['separate', 'sum'],
    valueDocs: {
      separate:
        "Each instance is analysed apart: its partitions get a block of partition numbers of their own (instance 2's partition 0 is partition N), and the config line lists the instances.",
      sum: "The instances' counters are added up, partition by partition.",
    },
    default: 'separate',
    source: ['metrics', 'prometheus'],
  },
  from: {
    doc: 'With `source: prometheus`: the start of the window, an RFC 3339 time such as 2024-05-01T12:00:00Z or a time before now such as -30m. The phases are laid from here.',
    type: 'string',
    source: ['prometheus'],
  },
  to: {
    doc: 'With `source: prometheus`: the end of the window, an RFC 3339 time, `now` or a time before now such as -5m. Without measureS, measure lasts until cooldownS before `to`.',
    type: 'string',
    default: 'now',
    source: ['prometheus'],
  },
  sweep: {
    doc:
      'What if: lists of values for spec keys, for example `{ ringBufferSize: [64, 256, 1024], workersPerPartition: [1, 2] }`. ' +
      'Every combination (a point) runs with the built-in engine, fast, on every core; the rest of the cell is the base of each point. ' +
      'Thresholds in `expect:` apply to each point.',
    type: 'mapping',
  },
  search: {
    doc:
      'How much can it take: a capacity search over one number, for example `{ key: load.ratePerS, from: 100, to: 2000 }`. ' +
      'Each probe is a full run of the cell with the key set to a value; the search brackets and bisects the range (several probes at once, on every core) ' +
      'until the highest value that sustains and the lowest that fails are within `precision` (5% unless given). ' +
      '`until: saturated` (the default) ends "sustained" when completed/s falls short of offered/s; `until: fail` when a check, hint or threshold fails. ' +
      'With `source: command`, the key is a placeholder of your own used in args or env as `{key}`. `expect: { capacity: ">= baseline - 5%" }` compares the value found with the pinned baseline\'s.',
    type: 'mapping',
  },
};

/** Keys of a `workCostMs:` mapping, per distribution (each also takes `dist`). */
export const WORK_COST_KEYS: Readonly<Record<'fixed' | 'uniform' | 'exponential' | 'lognormal', Readonly<Record<string, SpecKeyInfo>>>> = {
  fixed: {
    ms: {
      doc: 'The work cost of every task, in milliseconds.',
      type: 'number',
      min: 0,
      minExclusive: true,
      max: SPEC_LIMITS.maxWorkCostMs,
      required: true,
    },
  },
  uniform: {
    minMs: { doc: 'Smallest work cost, in milliseconds.', type: 'number', min: 0, max: SPEC_LIMITS.maxWorkCostMs, required: true },
    maxMs: {
      doc: 'Largest work cost, in milliseconds (at least minMs).',
      type: 'number',
      min: 0,
      minExclusive: true,
      max: SPEC_LIMITS.maxWorkCostMs,
      required: true,
    },
  },
  exponential: {
    meanMs: {
      doc: 'Mean work cost, in milliseconds.',
      type: 'number',
      min: 0,
      minExclusive: true,
      max: SPEC_LIMITS.maxWorkCostMs,
      required: true,
    },
  },
  lognormal: {
    medianMs: {
      doc: 'Median work cost, in milliseconds.',
      type: 'number',
      min: 0,
      minExclusive: true,
      max: SPEC_LIMITS.maxWorkCostMs,
      required: true,
    },
    sigma: {
      doc: 'Standard deviation of the underlying normal (0.5 is a moderate tail, 1.5 a heavy one).',
      type: 'number',
      min: 0,
      max: 5,
      required: true,
    },
  },
};

export const WORK_COST_DIST_KEY: SpecKeyInfo = {
  doc: 'The distribution of the work cost.',
  type: 'enum',
  values: Object.keys(WORK_COST_KEYS),
  valueDocs: {
    fixed: 'Every task costs `ms`.',
    uniform: 'Uniform between `minMs` and `maxMs`.',
    exponential: 'Exponential with mean `meanMs`.',
    lognormal: 'Log-normal with median `medianMs` and shape `sigma`.',
  },
  required: true,
};

export const FAULT_KEYS: Readonly<Record<string, SpecKeyInfo>> = {
  name: { doc: 'The defect to inject.', type: 'enum', values: FAULT_NAMES, valueDocs: FAULT_DOCS, required: true },
  atS: {
    doc: 'stuck-handler and dispatch-stall: seconds since the start of the run when the defect kicks in (default: warmupS + measureS / 3).',
    type: 'number',
    min: 0,
    max: 3 * SPEC_LIMITS.maxPhaseS,
  },
  partition: {
    doc: `stuck-handler and dispatch-stall: the partition affected (defaults: ${DEFAULT_STUCK_PARTITION} for stuck-handler, ${DEFAULT_STALL_PARTITION} for dispatch-stall).`,
    type: 'integer',
    min: 0,
    max: SPEC_LIMITS.maxPartitions - 1,
  },
  rate: {
    doc: `no-release: fraction of completions that do not release their family (default ${DEFAULT_NO_RELEASE_RATE}). lost-wakeup: fraction of the releases that leave pending work and do not make the family ready again, after warmup (default ${DEFAULT_LOST_WAKEUP_RATE}).`,
    type: 'number',
    min: 0,
    minExclusive: true,
    max: 1,
  },
};

/** Keys of one entry of `load.streams` (scenario: custom). */
export const STREAM_KEYS: Readonly<Record<string, SpecKeyInfo>> = {
  families: {
    doc: 'Distinct family keys the stream cycles through (not with `uncorrelated: true`).',
    type: 'integer',
    min: 1,
    max: SPEC_LIMITS.maxFamiliesPerStream,
  },
  uncorrelated: { doc: 'correlationId = -1: every task is its own family, spread over all partitions.', type: 'boolean', default: false },
  tasks: {
    doc: 'Tasks in the stream (or in each burst with `everyS`). Without it the stream runs at ratePerS until production stops.',
    type: 'integer',
    min: 1,
    max: SPEC_LIMITS.maxTasks,
  },
  ratePerS: {
    doc: 'Publish rate, tasks per second.',
    type: 'number',
    min: 0,
    minExclusive: true,
    max: SPEC_LIMITS.maxRatePerS,
    required: true,
  },
  startS: {
    doc: 'When the stream starts, in seconds since the start of the run.',
    type: 'number',
    min: 0,
    max: 3 * SPEC_LIMITS.maxPhaseS,
    default: 0,
  },
  everyS: {
    doc: 'Repeat the burst of `tasks` every this many seconds while production runs (needs `tasks`).',
    type: 'number',
    min: 0,
    minExclusive: true,
    max: 3 * SPEC_LIMITS.maxPhaseS,
  },
  keyPrefix: {
    doc: 'Family keys are `<keyPrefix><i>`; streams with the same prefix share families. Default: `s<index>-`, one set per stream.',
    type: 'string',
  },
};

/** The keys `load:` takes for a scenario. */
export function loadKeysFor(scenario: ScenarioName): Readonly<Record<string, SpecKeyInfo>> {
  if (scenario === 'custom') {
    return { streams: { doc: 'The streams of tasks this scenario produces, a list (at least one).', type: 'list', required: true } };
  }
  return Object.fromEntries(
    Object.entries(PRESETS[scenario].load).map(([key, p]) => [
      key,
      { doc: p.doc, type: p.integer ? 'integer' : 'number', default: p.default, min: p.min } satisfies SpecKeyInfo,
    ]),
  );
}

export const EXPECT_KEYS: Readonly<Record<string, SpecKeyInfo>> = Object.fromEntries(
  THRESHOLD_METRICS.map((m) => [
    m,
    {
      doc: `${THRESHOLD_METRIC_DOCS[m]} Compare with a number (\`"< 1"\`, \`">= 250"\`) or with the pinned baseline's value (\`"${thresholdExamples(m)[0].text}"\`, \`"<= baseline + 2"\`).`,
      type: 'comparison',
      valueDocs: { baseline: BASELINE_DOC },
      examples: thresholdExamples(m),
    } satisfies SpecKeyInfo,
  ]),
);
