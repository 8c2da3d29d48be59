// The engine's worker on the web: a Web Worker created from a Blob URL of this bundle
// (workerHost.web.ts). It waits for its `start` message, then runs the scenario (engineRunLoop.ts).

import { startEngineRun } from './engineRunLoop';
import type { HostMessage, WorkerMessage } from './runWorkerProtocol';

/** The parts of DedicatedWorkerGlobalScope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((event: MessageEvent<HostMessage>) => void) | null;
}

const scope = self as unknown as WorkerScope;
let onHostMessage: ((message: HostMessage) => void) | undefined;

scope.onmessage = ({ data: message }) => {
  if (message.type === 'start') {
    onHostMessage ??= startEngineRun(message.data, {
      post: (m) => scope.postMessage(m),
      yieldToMessages: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
      // The test hook's crash (testHooks.ts); not in the production build.
      ...(STRESSNB_TEST_HOOKS
        ? {
            crash: (m: string) =>
              setTimeout(() => {
                throw new Error(m);
              }, 0),
          }
        : {}),
    });
  } else {
    onHostMessage?.(message);
  }
};
