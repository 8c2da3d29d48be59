// One headline output: the verdict in a word and in the theme's status colour, what ran, how it
// ended, where to look (every line whole, wrapping to the output's width); while running, the
// phase, the time and a progress bar. A "stale" mark appears when the extension says the cell
// changed since this run (renderer messaging), and "Full transcript" asks the extension to open
// the run's whole transcript. Messages name the output by its OutputRef (src/contracts/outputRef.ts).

import {
  HEADLINE_SHOWN,
  HEADLINE_WORD,
  OPEN_TRANSCRIPT,
  type HeadlinePayload,
  type HeadlineShownMessage,
  type OpenTranscriptMessage,
} from '../src/contracts/headlinePayload';
import type { OutputRef } from '../src/contracts/outputRef';
import type { RendererContext } from 'vscode-notebook-renderer';

const STATUS_MARK: Record<HeadlinePayload['status'], string> = {
  running: '▶',
  pass: '✓',
  fail: '✗',
  incomplete: '■',
  interrupted: '■',
  error: '✗',
};
export const STALE_TEXT = 'stale: the cell changed since this run';

export class HeadlineView {
  private stale = false;
  private staleReason: string | undefined;
  private asked = false;
  private payload: HeadlinePayload | undefined;

  constructor(
    readonly element: HTMLElement,
    /** Which output this is, for the extension; a new run is a new view. */
    readonly ref: OutputRef,
    private readonly context: RendererContext<unknown>,
  ) {}

  show(payload: HeadlinePayload): void {
    this.payload = payload;
    this.draw();
    // Once per view: the extension answers, and tells again whenever the answer changes.
    if (!this.asked && this.context.postMessage) {
      this.asked = true;
      this.context.postMessage({ type: HEADLINE_SHOWN, ...this.ref } satisfies HeadlineShownMessage);
    }
  }

  setStale(stale: boolean, reason?: string): void {
    if (stale === this.stale && reason === this.staleReason) return;
    this.stale = stale;
    this.staleReason = reason;
    this.draw();
  }

  private draw(): void {
    const p = this.payload;
    if (!p) return;
    const root = el('div', 'stressnb-headline');
    root.dataset.status = p.status;
    root.setAttribute('role', 'status');

    const top = el('div', 'stressnb-headline-top');
    top.append(
      el('span', 'stressnb-status', `${STATUS_MARK[p.status]} ${HEADLINE_WORD[p.status]}`),
      el('span', 'stressnb-headline-title', p.title),
      el('span', 'stressnb-headline-summary', p.summary),
    );
    if (this.stale) {
      const mark = el('span', 'stressnb-headline-stale', `⚠ ${STALE_TEXT}`);
      if (this.staleReason) mark.title = this.staleReason;
      top.append(mark);
    }
    if (p.status !== 'running' && this.context.postMessage) {
      const open = el('button', '', 'Full transcript') as HTMLButtonElement;
      open.title = "Open the run's whole transcript (every tick, every partition) in an editor";
      open.type = 'button';
      open.addEventListener('click', () =>
        this.context.postMessage?.({ type: OPEN_TRANSCRIPT, ...this.ref } satisfies OpenTranscriptMessage),
      );
      top.append(open);
    }
    root.append(top);

    if (p.progress !== undefined) {
      const bar = el('div', 'stressnb-progress');
      bar.setAttribute('role', 'progressbar');
      bar.setAttribute('aria-valuenow', String(Math.round(p.progress * 100)));
      const fill = el('div', '');
      fill.style.width = `${Math.round(p.progress * 1000) / 10}%`;
      bar.append(fill);
      root.append(bar);
    }
    if (p.facts.length > 0) root.append(el('div', 'stressnb-headline-facts', p.facts.join(' · ')));

    if (p.look.length > 0) {
      const look = el('div', 'stressnb-look');
      look.append(el('div', 'stressnb-look-title', 'Where to look'));
      const list = el('ul', '');
      // Every line whole: the rule (or check), its partitions and window, then the reason on a
      // line of its own; all of it wraps to the output's width, nothing is cut or hover-only.
      for (const l of p.look) {
        const item = el('li', '');
        item.dataset.kind = l.kind;
        const text = el('div', 'stressnb-look-text');
        text.append(el('span', 'stressnb-look-label', l.label), ' ', el('span', 'stressnb-look-where', `— ${l.where}`));
        if (l.detail) text.append(el('div', 'stressnb-look-detail', l.detail));
        item.append(el('span', 'stressnb-look-mark', '✗'), text);
        list.append(item);
      }
      if (p.more > 0) list.append(el('li', 'stressnb-look-more', `… and ${p.more} more in the report below`));
      look.append(list);
      root.append(look);
    }
    if (p.config) root.append(el('div', 'stressnb-headline-config', p.config));
    this.element.replaceChildren(root);
  }
}

function el(tag: string, className: string, text?: string): HTMLElement {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
