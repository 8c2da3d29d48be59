// stressnb's notebook renderer (contributes.notebookRenderer "stressnb.charts"): draws the
// `application/vnd.stressnb.charts+json` outputs the kernel writes (charts already compiled to
// Vega by the extension host, so this bundle carries vega but not vega-lite).
//
// During a run the kernel replaces the output item at a throttled rate; VS Code then calls
// renderOutputItem again with the same element, and ChartsOutput updates the drawn views'
// data in place. A bad payload or a failing chart shows a readable message, never a blank box.

import { CHARTS_MIME, readChartsPayload } from '../src/format/chartsPayload';
import { ChartsOutput } from './chartsOutput';
import { ensureChartStyles } from './chartStyles';
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { errorMessage } from '../src/format/errorMessage';

const outputs = new Map<HTMLElement, ChartsOutput>();

export const activate: ActivationFunction = (context) => {
  ensureChartStyles();
  watchTheme(() => outputs.forEach((output) => void output.retheme()));

  return {
    async renderOutputItem(item: OutputItem, element: HTMLElement, signal: AbortSignal) {
      forgetDetached(element);
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
      let payload;
      try {
        payload = readChartsPayload(item.json());
      } catch (error) {
        output.showError(`stressnb charts: ${errorMessage(error)}`);
        return;
      }
      await output.show(payload);
    },

    disposeOutputItem(id?: string) {
      for (const [element, output] of outputs) {
        if (id === undefined || output.outputId === id) {
          output.dispose();
          outputs.delete(element);
        }
      }
    },
  };
};

/** Outputs whose element VS Code dropped without a dispose call: free their views. */
function forgetDetached(current: HTMLElement): void {
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
