// The small part of VS Code's notebook renderer API (the `vscode-notebook-renderer` types) that
// this renderer uses, declared here rather than adding a types package for five members.

export interface OutputItem {
  /** The output's id: stays the same when the kernel replaces the item's data during a run. */
  readonly id: string;
  readonly mime: string;
  readonly metadata: unknown;
  text(): string;
  json(): unknown;
}

export interface RendererContext {
  /** Present when the renderer may talk to the extension (requiresMessaging is not "never"). */
  readonly postMessage?: (message: unknown) => void;
  readonly onDidReceiveMessage?: (listener: (message: unknown) => void) => { dispose(): void };
  readonly workspace: { readonly isTrusted: boolean };
}

export interface RendererApi {
  renderOutputItem(item: OutputItem, element: HTMLElement, signal: AbortSignal): void | Promise<void>;
  disposeOutputItem?(id?: string): void;
}

export type ActivationFunction = (context: RendererContext) => RendererApi | Promise<RendererApi>;
