// The charts' tooltip: a Vega tooltip handler (View.tooltip) that shows the hovered item's values
// in a small box by the pointer, styled like the editor's hovers. Plain DOM, no eval, so it works
// under the output webview's content security policy. One box per document, shared by every chart.

import type { TooltipHandler } from 'vega';

const TOOLTIP_CLASS = 'stressnb-tooltip';
const OFFSET = 14;

let box: HTMLElement | undefined;

function tooltipBox(): HTMLElement {
  if (box?.isConnected) return box;
  box = document.createElement('div');
  box.className = TOOLTIP_CLASS;
  box.setAttribute('role', 'tooltip');
  box.style.display = 'none';
  document.body.appendChild(box);
  return box;
}

/** Shows `value` (Vega's tooltip value: an object of title -> value, or a text) by the pointer; hides it for no value. */
export const chartTooltip: TooltipHandler = (_handler, event, _item, value) => {
  if (value === undefined || value === null || value === '') {
    hideChartTooltip();
    return;
  }
  const el = tooltipBox();
  el.replaceChildren(...contentOf(value));
  el.style.display = 'block';
  place(el, event as MouseEvent);
};

export function hideChartTooltip(): void {
  if (box) box.style.display = 'none';
}

function contentOf(value: unknown): Node[] {
  if (typeof value !== 'object') return [document.createTextNode(String(value))];
  const table = document.createElement('table');
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (entry === undefined || entry === null || entry === '') continue;
    const row = table.insertRow();
    const name = row.insertCell();
    name.className = 'key';
    name.textContent = key;
    row.insertCell().textContent = String(entry);
  }
  return [table];
}

/** Below right of the pointer, flipped to stay inside the window. */
function place(el: HTMLElement, event: MouseEvent): void {
  const { clientX = 0, clientY = 0 } = event ?? {};
  const { offsetWidth: width, offsetHeight: height } = el;
  const x = clientX + OFFSET + width > window.innerWidth ? clientX - OFFSET - width : clientX + OFFSET;
  const y = clientY + OFFSET + height > window.innerHeight ? clientY - OFFSET - height : clientY + OFFSET;
  el.style.left = `${Math.max(0, x)}px`;
  el.style.top = `${Math.max(0, y)}px`;
}
