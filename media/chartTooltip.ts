// Vega's tooltip handler for the charts: a small box by the pointer with one line per field, in
// the editor's hover colours (the browser's own title tooltip is slow to appear and unstyled).

import type { TooltipHandler } from 'vega';

const TOOLTIP_ID = 'stressnb-chart-tooltip';
const OFFSET = 14;

function box(): HTMLElement {
  let el = document.getElementById(TOOLTIP_ID);
  if (!el) {
    el = document.createElement('div');
    el.id = TOOLTIP_ID;
    el.className = 'stressnb-chart-tooltip';
    el.setAttribute('role', 'tooltip');
    document.body.appendChild(el);
  }
  return el;
}

function lines(value: unknown): [string, string][] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'object' && !Array.isArray(value)) return Object.entries(value).map(([k, v]) => [k, String(v ?? '')]);
  return [['', String(value)]];
}

export const chartTooltip: TooltipHandler = (_handler, event, _item, value) => {
  const el = box();
  const rows = lines(value);
  if (rows.length === 0 || !event) {
    el.style.display = 'none';
    return;
  }
  el.replaceChildren(
    ...rows.map(([key, text]) => {
      const row = document.createElement('div');
      if (key) {
        const name = document.createElement('span');
        name.className = 'stressnb-chart-tooltip-key';
        name.textContent = `${key}: `;
        row.appendChild(name);
      }
      row.appendChild(document.createTextNode(text));
      return row;
    }),
  );
  el.style.display = 'block';
  const pointer = event as MouseEvent;
  const { innerWidth, innerHeight } = window;
  const { width, height } = el.getBoundingClientRect();
  const left = pointer.clientX + OFFSET + width > innerWidth ? pointer.clientX - OFFSET - width : pointer.clientX + OFFSET;
  const top = pointer.clientY + OFFSET + height > innerHeight ? pointer.clientY - OFFSET - height : pointer.clientY + OFFSET;
  el.style.left = `${Math.max(0, left)}px`;
  el.style.top = `${Math.max(0, top)}px`;
};
