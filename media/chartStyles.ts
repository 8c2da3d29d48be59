// The renderer's few styles, added once to the output webview. Colours are VS Code's theme
// variables, so they follow light, dark and high contrast.

const STYLE_ID = 'stressnb-charts-style';

const CSS = `
.stressnb-charts { display: flex; flex-direction: column; gap: 8px; width: 100%; box-sizing: border-box; }
.stressnb-chart-grid { display: grid; grid-template-columns: 1fr; column-gap: 16px; row-gap: 10px; }
.stressnb-chart { margin: 0; min-width: 0; }
.stressnb-chart-note {
  font-family: var(--vscode-font-family, sans-serif); font-size: 12px; padding: 2px 0;
  color: var(--vscode-descriptionForeground, var(--vscode-foreground, inherit));
}
.stressnb-chart-note b { color: var(--vscode-foreground, inherit); font-weight: 600; }
.stressnb-tooltip {
  position: fixed; z-index: 100; pointer-events: none; max-width: 360px; padding: 4px 8px;
  font-family: var(--vscode-font-family, sans-serif); font-size: 12px;
  color: var(--vscode-editorHoverWidget-foreground, var(--vscode-foreground, #333));
  background: var(--vscode-editorHoverWidget-background, var(--vscode-editor-background, #fff));
  border: 1px solid var(--vscode-editorHoverWidget-border, var(--vscode-contrastBorder, #888));
  border-radius: 3px; box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0, 0, 0, 0.3));
}
.stressnb-tooltip table { border-collapse: collapse; }
.stressnb-tooltip td { padding: 1px 0; vertical-align: top; }
.stressnb-tooltip td.key { padding-right: 10px; opacity: 0.75; white-space: nowrap; }
.stressnb-chart-view { width: 100%; min-height: 40px; }
.stressnb-chart-view svg { display: block; }
/* A row of its own above the chart, so the buttons never cover the chart's title or its legend. */
.stressnb-chart-actions {
  display: flex; justify-content: flex-end; gap: 4px; height: 20px; opacity: 0; transition: opacity 0.1s;
}
.stressnb-chart:hover .stressnb-chart-actions, .stressnb-chart-actions:focus-within { opacity: 1; }
.stressnb-chart-actions button {
  font-family: var(--vscode-font-family, sans-serif); font-size: 11px; padding: 1px 6px; cursor: pointer; border-radius: 2px;
  color: var(--vscode-button-secondaryForeground, inherit);
  background: var(--vscode-button-secondaryBackground, transparent);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent));
}
.stressnb-chart-actions button:hover { background: var(--vscode-button-secondaryHoverBackground, transparent); }
.stressnb-chart-view .vega-bindings { font-family: var(--vscode-font-family, sans-serif); font-size: 12px; margin: 2px 0 4px; }
.stressnb-chart-view .vega-bind-name { color: var(--vscode-foreground, inherit); }
.stressnb-chart-view .vega-bindings select {
  font: inherit; padding: 1px 4px; border-radius: 2px;
  color: var(--vscode-dropdown-foreground, inherit);
  background: var(--vscode-dropdown-background, transparent);
  border: 1px solid var(--vscode-dropdown-border, var(--vscode-contrastBorder, #888888));
}
.stressnb-chart-error {
  padding: 6px 10px; white-space: pre-wrap; font-family: var(--vscode-editor-font-family, monospace);
  color: var(--vscode-errorForeground, var(--vscode-foreground, inherit));
  border-left: 3px solid var(--vscode-inputValidation-errorBorder, #be1100);
  background: var(--vscode-inputValidation-errorBackground, transparent);
}
`;

export function ensureChartStyles(doc: Document = document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.appendChild(style);
}

export function errorBox(message: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'stressnb-chart-error';
  box.setAttribute('role', 'alert');
  box.textContent = message;
  return box;
}
