// The extension's own log: the `stressnb` output channel (Output view, stressnb), a
// LogOutputChannel, so every line carries its time and level and "Developer: Set Log Level…"
// filters it. It holds what someone chasing a problem needs and the cell outputs do not say: runs
// and sweeps started and ended, engine workers failing and starting again, command and file
// sources and how they exited, and errors with their stacks. The same on desktop and on the web.
// activate (extension.ts) opens it first, as a subscription of the extension context; before
// that and after deactivation lines go nowhere.

import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** Opens the channel; disposing it closes the channel. */
export function openExtensionLog(): vscode.Disposable {
  const opened = vscode.window.createOutputChannel('stressnb', { log: true });
  channel = opened;
  return {
    dispose: () => {
      if (channel === opened) channel = undefined;
      opened.dispose();
    },
  };
}

/** The message, then what was thrown: for an Error its stack (which starts with its message), on the next lines. */
function withError(message: string, error: unknown): string {
  if (error === undefined) return message;
  if (error instanceof Error) return `${message}\n${error.stack ?? `${error.name}: ${error.message}`}`;
  return `${message}: ${String(error)}`;
}

export const log = {
  /** Detail only worth reading when chasing a problem (shown at log level Debug). */
  debug: (message: string): void => channel?.debug(message),
  info: (message: string): void => channel?.info(message),
  warn: (message: string, error?: unknown): void => channel?.warn(withError(message, error)),
  /** A failure, with the stack of what was thrown. */
  error: (message: string, error?: unknown): void => channel?.error(withError(message, error)),
};

/** How the log names a cell: `session6.stressnb cell 3`. */
export function cellName(cell: vscode.NotebookCell): string {
  const path = cell.notebook.uri.path;
  return `${path.slice(path.lastIndexOf('/') + 1)} cell ${cell.index + 1}`;
}

/** A duration for the log: `850 ms`, `12.3 s`. */
export function durationText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
