// Scenario presets: the seed's defaults for each standard scenario, as named load parameters a
// cell can override (`load: { hotTasks: 5000 }`), and their expansion into load streams.
// The spec parser (src/spec) reads PRESETS to validate and document `load:` keys.

import type { LoadStream, ScenarioName, ScenarioSpec } from './scenarioSpec';

export interface LoadParam {
  default: number;
  doc: string;
  /** Smallest allowed value (inclusive). */
  min: number;
  integer: boolean;
}

export interface Preset {
  doc: string;
  /** Top-level spec values this scenario changes from the global defaults (e.g. a small ring). */
  overrides: Partial<Pick<ScenarioSpec, 'ringBufferSize' | 'intakeCostUs' | 'handler' | 'workersPerPartition'>>;
  load: Record<string, LoadParam>;
  expand(params: Record<string, number>, timing: { warmupS: number; measureS: number }): LoadStream[];
}

const int = (d: number, doc: string, min = 0): LoadParam => ({ default: d, doc, min, integer: true });
const num = (d: number, doc: string, min = 0): LoadParam => ({ default: d, doc, min, integer: false });

export const PRESETS: Record<Exclude<ScenarioName, 'custom'>, Preset> = {
  'hot-family': {
    doc: 'One hot family gets a large burst while many other families send a little each.',
    overrides: {},
    load: {
      hotTasks: int(30000, 'Tasks sent to the one hot family.', 1),
      otherFamilies: int(100, 'Number of other (cold) families.'),
      tasksPerOtherFamily: int(100, 'Tasks each other family sends.'),
      ratePerS: num(20000, 'Producer publish rate of the hot burst, tasks per second.', 1),
      otherRatePerS: num(2000, 'Publish rate of the other families together, tasks per second.', 1),
    },
    expand: (p, { warmupS }) => [
      { families: 1, uncorrelated: false, tasks: p.hotTasks, ratePerS: p.ratePerS, startS: warmupS, keyPrefix: 'hot-' },
      ...(p.otherFamilies > 0 && p.tasksPerOtherFamily > 0
        ? [
            {
              families: p.otherFamilies,
              uncorrelated: false,
              tasks: p.otherFamilies * p.tasksPerOtherFamily,
              ratePerS: p.otherRatePerS,
              startS: warmupS,
              keyPrefix: 'family-',
            },
          ]
        : []),
    ],
  },
  'uncorrelated-burst': {
    doc: 'A large burst of tasks with correlationId = -1: each is its own family, spread over all partitions.',
    overrides: {},
    load: {
      tasks: int(40000, 'Tasks in the burst.', 1),
      ratePerS: num(20000, 'Producer publish rate during the burst, tasks per second.', 1),
    },
    expand: (p, { warmupS }) => [
      { families: 0, uncorrelated: true, tasks: p.tasks, ratePerS: p.ratePerS, startS: warmupS, keyPrefix: 'u-' },
    ],
  },
  'small-ring-burst': {
    doc: 'A small ring and bursty load: the ring fills during each burst and publishes are rejected.',
    overrides: { ringBufferSize: 64 },
    load: {
      burstTasks: int(2000, 'Tasks in each burst.', 1),
      families: int(500, 'Families the burst is spread over.', 1),
      everyS: num(2, 'Seconds between the starts of two bursts.', 0.001),
      ratePerS: num(200000, 'Producer publish rate during a burst, tasks per second.', 1),
    },
    expand: (p) => [
      {
        families: p.families,
        uncorrelated: false,
        tasks: p.burstTasks,
        ratePerS: p.ratePerS,
        startS: 0,
        everyS: p.everyS,
        keyPrefix: 'family-',
      },
    ],
  },
  steady: {
    doc: 'A steady control: a constant rate over many families, for a healthy baseline.',
    overrides: {},
    load: {
      families: int(200, 'Families the load is spread over.', 1),
      ratePerS: num(200, 'Publish rate, tasks per second.', 0.001),
    },
    expand: (p) => [{ families: p.families, uncorrelated: false, ratePerS: p.ratePerS, startS: 0, keyPrefix: 'family-' }],
  },
};

export function presetDefaults(preset: Preset): Record<string, number> {
  return Object.fromEntries(Object.entries(preset.load).map(([k, v]) => [k, v.default]));
}
