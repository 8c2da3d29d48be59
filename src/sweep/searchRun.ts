// Runs a capacity search: round after round, the values searchSteps.ts chooses (as many as the
// runner has slots: several engine probes at once on worker threads, one command at a time),
// until the boundary is found, `from` fails or `to` sustains. stop() ends the search at once and
// keeps the probes done; a probe still running is dropped (and its command stopped).

import { nextProbeValues } from '../analysis/searchSteps';
import type { SearchProbe } from '../analysis/searchTypes';
import { errorMessage } from '../contracts/errorMessage';
import type { SearchPlan } from '../spec/searchPlan';
import type { ProbeRunner } from './probeRunner';
import { PoolStopped } from './workerPool';

export type SearchEnd = { state: 'finished' } | { state: 'interrupted' } | { state: 'failed'; message: string };

export interface SearchResult {
  end: SearchEnd;
  /** The probes done, in the order they were started. */
  probes: SearchProbe[];
  /** Probes that ran at once. */
  slots: number;
  elapsedMs: number;
}

export interface RunningSearch {
  readonly slots: number;
  /** Resolves when the search has ended, was stopped or failed. Never rejects. */
  readonly result: Promise<SearchResult>;
  /** Resolves when every probe's worker or command is gone, after the result. */
  readonly exited: Promise<void>;
  stop(): void;
}

export interface SearchRunOptions {
  /** The values of each round, as it starts. */
  onRound?(values: readonly number[], round: number): void;
  /** Each probe as it is done (in the order they finish), with every probe done so far. */
  onProbe?(probe: SearchProbe, probes: readonly SearchProbe[]): void;
}

export function startSearch(plan: SearchPlan, runner: ProbeRunner, options: SearchRunOptions = {}): RunningSearch {
  const started = performance.now();
  const probes: SearchProbe[] = [];
  let settled = false;
  let resolve!: (result: SearchResult) => void;
  const result = new Promise<SearchResult>((r) => (resolve = r));
  let exitedResolve!: () => void;
  const exited = new Promise<void>((r) => (exitedResolve = r));

  const end = (how: SearchEnd) => {
    if (settled) return;
    settled = true;
    void runner.stop().then(
      () => exitedResolve(),
      () => exitedResolve(),
    );
    resolve({
      end: how,
      probes: [...probes].sort((a, b) => a.index - b.index),
      slots: runner.slots,
      elapsedMs: performance.now() - started,
    });
  };
  void runner.failed.then((message) => end({ state: 'failed', message }));

  const search = async () => {
    let round = 0;
    let next = 0;
    for (;;) {
      const values = nextProbeValues(plan, probes, runner.slots);
      if (settled) return;
      if (values.length === 0) {
        end({ state: 'finished' });
        return;
      }
      round++;
      options.onRound?.(values, round);
      const thisRound = round;
      await Promise.all(
        values.map(async (value) => {
          const index = next++;
          const outcome = await runner.run(value, index);
          if (settled) return;
          const probe: SearchProbe = { index, value, round: thisRound, ...outcome };
          probes.push(probe);
          options.onProbe?.(probe, probes);
        }),
      );
    }
  };
  search().catch((error) => {
    if (error instanceof PoolStopped) return; // stopped or failed: the search has ended already
    end({ state: 'failed', message: `the search failed: ${errorMessage(error)}` });
  });

  return { slots: runner.slots, result, exited, stop: () => end({ state: 'interrupted' }) };
}
