// Optional per-task hooks for tests (FIFO order, in-flight gating). Production runs pass none;
// the model only pays a branch per task for them.

export interface RunObserver {
  /** A task is handed to the business handler. `family` is the engine's family id. */
  onDispatch?(tUs: number, partition: number, family: number, task: number): void;
  /** completeSink#onComplete ran for the task. */
  onComplete?(tUs: number, partition: number, family: number, task: number): void;
}
