// A sweep's worker thread (dist/sweepWorker.js): runs the points the pool hands it, one at a time,
// and posts each point's row back.

import { parentPort, workerData } from 'node:worker_threads';
import { runSweepPoint } from './runSweepPoint';
import type { SweepTask, SweepTaskDone, SweepWorkerData } from './sweepProtocol';

const port = parentPort;
if (!port) throw new Error('sweepWorker.js must run as a worker thread');
const { cellText, baselines, requireBaseline } = workerData as SweepWorkerData;

port.on('message', (task: SweepTask) => {
  const done: SweepTaskDone = { type: 'row', index: task.index, result: runSweepPoint(cellText, task.assignments, baselines, { requireBaseline }) };
  port.postMessage(done);
});
