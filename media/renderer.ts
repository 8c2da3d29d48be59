// stressnb's notebook renderer (contributes.notebookRenderer "stressnb.charts"): draws the
// `application/vnd.stressnb.charts+json` outputs the kernel writes and the run's headline,
// `application/vnd.stressnb.headline+json` (headlineOutput.ts). A run's charts come as figures
// (payload version 2), whose Vega specs chartsToDraw builds here; a sweep's (and a run saved before
// version 2) as Vega specs. Either way this bundle carries vega but not vega-lite.
//
// During a run the kernel replaces the output item at a throttled rate; VS Code then calls
// renderOutputItem again with the same element, and ChartsOutput updates the drawn views'
// data in place. A bad payload or a failing chart shows a readable message, never a blank box.

import { chartsToDraw } from '../src/charts/chartsToDraw';
import { CHARTS_MIME, readChartsPayload } from '../src/contracts/chartsPayload';
import { ChartsOutput } from './chartsOutput';
import { ensureChartStyles, errorBox } from './chartStyles';
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { errorMessage } from '../src/contracts/errorMessage';
import { HEADLINE_MIME, readHeadlineMessage, readHeadlinePayload, HEADLINE_STATE } from '../src/contracts/headlinePayload';
import { HeadlineView } from './headlineOutput';
import { ensureHeadlineStyles } from './headlineStyles';

const outputs = new Map<HTMLElement, ChartsOutput>();
const headlines = new Map<HTMLElement, HeadlineView>();

export const activate: ActivationFunction = (context) => {
  ensureChartStyles();
  ensureHeadlineStyles();
  watchTheme(() => outputs.forEach((output) => void output.retheme()));
  context.onDidReceiveMessage?.((message) => {
    const m = readHeadlineMessage(message);
    if (m?.type !== HEADLINE_STATE) return;
    for (const view of headlines.values()) if (view.outputId === m.outputId) view.setStale(m.stale);
  });

  return {
    async renderOutputItem(item: OutputItem, element: HTMLElement, signal: AbortSignal) {
      forgetDetached(element);
      if (item.mime === HEADLINE_MIME) {
        renderHeadline(item, element, context);
        return;
      }
      let output = outputs.get(element);
      if (!output) {
        output = new ChartsOutput(element, item.id, context);
        outputs.set(element, output);
      }
      output.outputId = item.id;
      if (signal.aborted) return;
      if (item.mime !== CHARTS_MIME) {
        output.showError(`stressnb charts: cannot draw output of type ${item.mime}`);
        return;
      }
      let charts;
      try {
        charts = chartsToDraw(readChartsPayload(item.json()));
      } catch (error) {
        output.showError(`stressnb charts: ${errorMessage(error)}`);
        return;
      }
      await output.show(charts);
    },

    disposeOutputItem(id?: string) {
      for (const [element, view] of headlines) if (id === undefined || view.outputId === id) headlines.delete(element);
      for (const [element, output] of outputs) {
        if (id === undefined || output.outputId === id) {
          output.dispose();
          outputs.delete(element);
        }
      }
    },
  };
};

function renderHeadline(item: OutputItem, element: HTMLElement, context: Parameters<ActivationFunction>[0]): void {
  let view = headlines.get(element);
  if (!view || view.outputId !== item.id) {
    view = new HeadlineView(element, item.id, context);
    headlines.set(element, view);
  }
  try {
    view.show(readHeadlinePayload(item.json()));
  } catch (error) {
    element.replaceChildren(errorBox(`stressnb headline: ${errorMessage(error)}`));
  }
}

/** Outputs whose element VS Code dropped without a dispose call: free their views. */
function forgetDetached(current: HTMLElement): void {
  for (const element of headlines.keys()) if (element !== current && !element.isConnected) headlines.delete(element);
  for (const [element, output] of outputs) {
    if (element !== current && !element.isConnected) {
      output.dispose();
      outputs.delete(element);
    }
  }
}

/** Calls `onChange` when VS Code switches theme (body class) or updates its CSS variables. */
function watchTheme(onChange: () => void): void {
  let pending = 0;
  const observer = new MutationObserver(() => {
    clearTimeout(pending);
    pending = window.setTimeout(onChange, 50);
  });
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
