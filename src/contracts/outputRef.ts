// Which output a renderer message is about. The renderer sees an output's id, but VS Code does not
// keep that id true: when a run replaces a cell's outputs, the editor draws the new outputs in the
// old ones' places under the old ids (its output diff pairs them by position), so the id a drawn
// headline holds can name an output that is gone. (That made a fresh run's headline keep the
// previous run's stale mark, and its "Full transcript" do nothing.) So a run tags its outputs with
// a run id in their metadata, which the renderer always gets current (OutputItem.metadata), and
// every message names both; the extension looks for the run id first.
// The run id lives only while the notebook is open: the serializer drops it, so the saved bytes do
// not change from run to run, and outputs read from a file are drawn under their own ids.

export const RUN_ID_METADATA_KEY = 'stressnbRunId';

export interface OutputRef {
  /** The output's id as the renderer was given it. */
  outputId: string;
  /** The run the output belongs to, when the output says (outputs of a run made in this session). */
  runId?: string;
}

let runs = 0;

/** A new run id, unique within the session (not a secret: it only tells outputs apart). */
export function newRunId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}-${++runs}`;
}

export function runIdMetadata(runId: string): { [RUN_ID_METADATA_KEY]: string } {
  return { [RUN_ID_METADATA_KEY]: runId };
}

/** The run id in an output's metadata, if any. */
export function runIdOf(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const id = (metadata as Record<string, unknown>)[RUN_ID_METADATA_KEY];
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The reference of a rendered output item (the renderer's OutputItem). */
export function outputRefOf(item: { id: string; metadata?: unknown }): OutputRef {
  const runId = runIdOf(item.metadata);
  return runId ? { outputId: item.id, runId } : { outputId: item.id };
}

/** The reference a message carries, or undefined when it carries none. */
export function readOutputRef(message: Record<string, unknown>): OutputRef | undefined {
  if (typeof message.outputId !== 'string') return undefined;
  return typeof message.runId === 'string' && message.runId !== ''
    ? { outputId: message.outputId, runId: message.runId }
    : { outputId: message.outputId };
}

/** Whether `other` names the output `drawn` refers to: by run id when the drawn output has one, else by id. */
export function refersTo(drawn: OutputRef, other: OutputRef): boolean {
  return drawn.runId !== undefined ? other.runId === drawn.runId : other.outputId === drawn.outputId;
}

/** The key to remember state of an output under. */
export function refKey(ref: OutputRef): string {
  return ref.runId !== undefined ? `run:${ref.runId}` : `id:${ref.outputId}`;
}
