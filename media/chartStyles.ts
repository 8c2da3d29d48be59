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
