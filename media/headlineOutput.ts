// One headline output: the verdict in a word and in the theme's status colour, what ran, how it
// ended, where to look; while running, the phase, the time and a progress bar. A "stale" mark
// appears when the extension says the cell changed since this run (renderer messaging), and
// "Full transcript" asks the extension to open the run's whole transcript.

import {
  HEADLINE_SHOWN,
  HEADLINE_WORD,
  OPEN_TRANSCRIPT,
  type HeadlinePayload,
  type HeadlineShownMessage,
  type OpenTranscriptMessage,
} from '../src/contracts/headlinePayload';
import type { RendererContext } from 'vscode-notebook-renderer';

const STATUS_MARK: Record<HeadlinePayload['status'], string> = { running: '▶', pass: '✓', fail: '✗', interrupted: '■', error: '✗' };
export const STALE_TEXT = 'stale: the cell changed since this run';

export class HeadlineView {
  private stale = false;
  private payload: HeadlinePayload | undefined;

  constructor(
    readonly element: HTMLElement,
    public outputId: string,
    private readonly context: RendererContext<unknown>,
  ) {}

  show(payload: HeadlinePayload): void {
    this.payload = payload;
    this.draw();
    if (payload.status !== 'running')
      this.context.postMessage?.({ type: HEADLINE_SHOWN, outputId: this.outputId } satisfies HeadlineShownMessage);
  }

  setStale(stale: boolean): void {
    if (stale === this.stale) return;
    this.stale = stale;
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
    if (this.stale) top.append(el('span', 'stressnb-headline-stale', STALE_TEXT));
    if (p.status !== 'running' && this.context.postMessage) {
      top.append(el('span', 'stressnb-headline-spacer'));
      const open = el('button', '', 'Full transcript');
      open.title = "Open the run's whole transcript (every tick, every partition) in an editor";
      open.addEventListener('click', () =>
        this.context.postMessage?.({ type: OPEN_TRANSCRIPT, outputId: this.outputId } satisfies OpenTranscriptMessage),
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
      for (const l of p.look) {
        const item = el('li', '');
        item.dataset.kind = l.kind;
        const label = el('span', 'stressnb-look-label', l.label);
        label.title = l.label;
        item.append(el('span', 'stressnb-look-mark', '✗'), label, el('span', 'stressnb-look-where', `— ${l.where}`));
        if (l.detail) {
          const detail = el('span', 'stressnb-look-detail', l.detail);
          detail.title = l.detail;
          item.append(detail);
        }
        list.append(item);
      }
      if (p.more > 0) list.append(el('li', 'stressnb-look-detail', `… and ${p.more} more in the report below`));
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
