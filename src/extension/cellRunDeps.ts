// What a scenario cell's run is given by the kernel (controller.ts): the engine's workers, the
// host's sources and sweeps, the settings, and the test hooks. Its own file so that the runs of
// single, repeated, sweep and search cells share it without importing one another.

import type { Pace } from '../spec/scenarioSpec';
import type { StressnbPlatform } from './platform';
import type { TestHooks } from './testHooks';
import type { WorkerHost } from './workerHost';

export interface RunSettings {
  defaultPace: Pace;
  throttleMs: number;
}

export interface CellRunDeps {
  workerHost: WorkerHost;
  /** Command and file sources; absent on the web (platform.ts). */
  externalSources: StressnbPlatform['externalSources'];
  /** The files of a repeated log-file source's pattern; absent on the web (platform.ts). */
  logFilesOfPattern?: StressnbPlatform['logFilesOfPattern'];
  /** Sweeps on worker threads; absent on the web (platform.ts). */
  sweeps?: StressnbPlatform['sweeps'];
  settings(): RunSettings;
  /** Only in test mode (testHooks.ts). */
  testHooks?: TestHooks;
}
