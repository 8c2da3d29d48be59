// The renderer's few styles, added once to the output webview. Colours are VS Code's theme
// variables, so they follow light, dark and high contrast.

const STYLE_ID = 'stressnb-charts-style';

const CSS = `
.stressnb-charts { display: flex; flex-direction: column; gap: 10px; width: 100%; box-sizing: border-box; }
.stressnb-chart { position: relative; margin: 0; }
.stressnb-chart-view { width: 100%; min-height: 40px; }
.stressnb-chart-view svg { display: block; }
.stressnb-chart-actions {
  position: absolute; top: 0; right: 0; display: flex; gap: 4px; opacity: 0.35; transition: opacity 0.1s;
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
.stressnb-chart-tooltip {
  position: fixed; z-index: 1000; display: none; pointer-events: none; max-width: 420px;
  padding: 4px 8px; border-radius: 3px; font-family: var(--vscode-font-family, sans-serif); font-size: 12px; line-height: 1.4;
  color: var(--vscode-editorHoverWidget-foreground, var(--vscode-foreground, inherit));
  background: var(--vscode-editorHoverWidget-background, #f3f3f3);
  border: 1px solid var(--vscode-editorHoverWidget-border, #c8c8c8);
  box-shadow: 0 2px 8px var(--vscode-widget-shadow, rgba(0, 0, 0, 0.25));
}
.stressnb-chart-tooltip-key { opacity: 0.75; }
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
