// The engine worker's job, whatever runs it (runWorker.node.ts: a worker thread; runWorker.web.ts:
// a Web Worker): run one scenario with the built-in engine and post its events in batches, paced to
// the wall clock (`realtime`: one tick per tickMs; `10x`: ten times faster) or as fast as it can
// (`fast`). No vscode import.

import { createRun } from '../engine/simulation';
import { errorMessage } from '../contracts/errorMessage';
import type { RunEvent } from '../format/runEvents';
import { paceFactor } from '../spec/pace';
import { parseScenarioSpec } from '../spec/parseScenarioSpec';
import type { HostMessage, RunWorkerData, WorkerMessage } from './runWorkerProtocol';

/** What the loop needs from the worker it runs in. */
export interface EngineWorkerScope {
  post(message: WorkerMessage): void;
  /** Resolves once pending messages (a `stop`) have been delivered. */
  yieldToMessages(): Promise<void>;
  /**
   * Dies with an uncaught exception, as a bug in the engine would: the crash a test arms
   * (testHooks.ts). Absent from the production build.
   */
  crash?(message: string): void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the scenario; returns the handler for the host's messages, to be wired before any await. */
export function startEngineRun(data: RunWorkerData, scope: EngineWorkerScope): (message: HostMessage) => void {
  const state = { stopped: false };
  runLoop(data, scope, state).catch((error: unknown) => scope.post({ type: 'failed', message: errorMessage(error) }));
  return (message) => {
    if (message.type === 'stop') state.stopped = true;
  };
}

async function runLoop(data: RunWorkerData, scope: EngineWorkerScope, state: { stopped: boolean }): Promise<void> {
  const { post } = scope;
  const { spec, problems } = parseScenarioSpec(data.specText);
  if (!spec) {
    const first = problems.find((p) => p.severity === 'error');
    throw new Error(first ? `line ${first.line}, column ${first.column}: ${first.message}` : 'invalid scenario spec');
  }
  const run = createRun(spec);
  const factor = paceFactor(data.pace);
  const startedAt = performance.now();
  let pending: RunEvent[] = [];
  let lastPost = startedAt;
  let ticks = 0;

  while (!run.finished && !state.stopped) {
    const events = run.step();
    pending.push(...events);
    ticks += events.filter((e) => e.type === 'tick').length;
    // esbuild defines STRESSNB_TEST_HOOKS (false in production: the branch is dropped); run from
    // source (the unit tests, through tsx) it is undefined and the hook is there.
    if (
      (typeof STRESSNB_TEST_HOOKS === 'undefined' || STRESSNB_TEST_HOOKS) &&
      data.crashAfterTicks !== undefined &&
      ticks >= data.crashAfterTicks
    ) {
      post({ type: 'events', events: pending });
      state.stopped = true;
      scope.crash?.(`simulated worker crash after ${ticks} ticks (test hook)`);
      return;
    }

    if (Number.isFinite(factor)) {
      // Show the tick of virtual time t at wall time t / factor.
      const wait = startedAt + (run.now * 1000) / factor - performance.now();
      await (wait > 0 ? sleep(wait) : scope.yieldToMessages());
      if (state.stopped) break;
      post({ type: 'events', events: pending });
      pending = [];
    } else if (performance.now() - lastPost >= data.batchMs) {
      post({ type: 'events', events: pending });
      pending = [];
      lastPost = performance.now();
      await scope.yieldToMessages();
    }
  }
  if (pending.length > 0 && !state.stopped) post({ type: 'events', events: pending });
  if (!state.stopped) post({ type: 'finished' });
}
