// On the web the engine runs in a Web Worker started from a Blob URL: the worker's bundle is
// inlined into dist/extension.web.js (esbuild.mjs), because a worker from the extension's own file
// is refused under code-server ("Creating workers from remote extensions is currently not
// supported") and Blob URLs work in every web extension host.

import workerSource from 'virtual:engine-worker-source';
import type * as vscode from 'vscode';
import type { WorkerMessage } from './runWorkerProtocol';
import type { EngineWorkerFactory } from './workerHost';

/** Web engine workers; dispose revokes their Blob URL. */
export function webEngineWorkers(): { start: EngineWorkerFactory } & vscode.Disposable {
  let url: string | undefined;
  const start: EngineWorkerFactory = (data, events) => {
    url ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    const worker = new Worker(url, { name: 'stressnb engine' });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => events.onMessage(event.data);
    worker.onerror = (event) => {
      // Handled here: the host's console would otherwise report it as an uncaught error.
      event.preventDefault();
      events.onFailure(`the engine worker crashed: ${event.message || 'an uncaught error'}`);
    };
    worker.onmessageerror = () => events.onFailure('a message from the engine worker could not be read');
    worker.postMessage({ type: 'start', data });
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => worker.terminate(),
    };
  };
  return {
    start,
    dispose: () => {
      if (url) URL.revokeObjectURL(url);
      url = undefined;
    },
  };
}
