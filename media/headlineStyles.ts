// Styles of the headline, added once to the output webview. The status colours are VS Code's
// theme variables (the Test Explorer's passed / failed icons, the error and warning foregrounds),
// so they follow light, dark and high contrast; the status is also always said in a word. Text in
// a status colour is that colour mixed towards black (light themes) or white (dark ones), which
// keeps 4.5:1 against the background (WCAG AA) where the theme's colour is an icon colour too
// faint for text (src/contracts/statusContrast.ts); borders and bars keep the pure colour.

import { DARK_THEME_STATUS_SHARE, LIGHT_THEME_STATUS_SHARE } from '../src/contracts/statusContrast';

const STYLE_ID = 'stressnb-headline-style';

const CSS = `
.stressnb-headline {
  --status: var(--vscode-foreground, currentColor);
  --status-text: var(--status);
  --warning-text: var(--vscode-editorWarning-foreground, #bf8803);
  font-family: var(--vscode-font-family, sans-serif); font-size: 13px; line-height: 1.45;
  color: var(--vscode-foreground, inherit);
  border-left: 4px solid var(--status); padding: 4px 10px 6px; box-sizing: border-box;
  border-top: 1px solid var(--vscode-contrastBorder, transparent);
  border-right: 1px solid var(--vscode-contrastBorder, transparent);
  border-bottom: 1px solid var(--vscode-contrastBorder, transparent);
}
body.vscode-light .stressnb-headline, body.vscode-high-contrast-light .stressnb-headline {
  --status-text: color-mix(in srgb, var(--status) ${LIGHT_THEME_STATUS_SHARE}%, #000);
  --warning-text: color-mix(in srgb, var(--vscode-editorWarning-foreground, #bf8803) ${LIGHT_THEME_STATUS_SHARE}%, #000);
}
body.vscode-dark .stressnb-headline, body.vscode-high-contrast:not(.vscode-high-contrast-light) .stressnb-headline {
  --status-text: color-mix(in srgb, var(--status) ${DARK_THEME_STATUS_SHARE}%, #fff);
  --warning-text: color-mix(in srgb, var(--vscode-editorWarning-foreground, #cca700) ${DARK_THEME_STATUS_SHARE}%, #fff);
}
.stressnb-headline[data-status="pass"] { --status: var(--vscode-testing-iconPassed, #388a34); }
.stressnb-headline[data-status="fail"] { --status: var(--vscode-testing-iconFailed, #e51400); }
.stressnb-headline[data-status="error"] { --status: var(--vscode-errorForeground, #e51400); }
.stressnb-headline[data-status="incomplete"], .stressnb-headline[data-status="interrupted"] { --status: var(--vscode-editorWarning-foreground, #bf8803); }
.stressnb-headline[data-status="running"] { --status: var(--vscode-progressBar-background, #0e70c0); }
.stressnb-headline-top { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
.stressnb-status {
  font-weight: 700; font-size: 14px; letter-spacing: 0.04em; color: var(--status-text);
  border: 1px solid var(--status); border-radius: 3px; padding: 0 6px;
}
.stressnb-headline-title { font-weight: 600; }
.stressnb-headline-summary { color: var(--vscode-foreground, inherit); }
.stressnb-headline-stale {
  color: var(--warning-text);
  border: 1px dashed currentColor; border-radius: 3px; padding: 0 6px;
}
.stressnb-headline button {
  margin-left: auto; font-family: inherit; font-size: 11px; padding: 1px 8px; cursor: pointer; border-radius: 2px;
  color: var(--vscode-button-secondaryForeground, inherit);
  background: var(--vscode-button-secondaryBackground, transparent);
  border: 1px solid var(--vscode-button-border, var(--vscode-contrastBorder, transparent));
}
.stressnb-headline button:hover { background: var(--vscode-button-secondaryHoverBackground, transparent); }
.stressnb-headline-facts, .stressnb-headline-config { color: var(--vscode-descriptionForeground, inherit); }
.stressnb-headline-config { font-family: var(--vscode-editor-font-family, monospace); font-size: 11px; overflow-wrap: anywhere; }
.stressnb-progress { height: 3px; margin: 4px 0 2px; background: var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.3)); }
.stressnb-progress > div { height: 100%; background: var(--status); }
.stressnb-look { margin: 4px 0 2px; }
.stressnb-look-title { font-weight: 600; }
.stressnb-look ul { margin: 2px 0 0; padding-left: 0; list-style: none; }
.stressnb-look li { display: grid; grid-template-columns: auto minmax(0, 1fr); column-gap: 6px; align-items: baseline; margin: 0 0 3px; }
.stressnb-look-mark { color: var(--status-text); font-weight: 700; }
.stressnb-look-text { min-width: 0; overflow-wrap: anywhere; }
.stressnb-look-label { font-weight: 600; }
.stressnb-look-detail, .stressnb-look-more { color: var(--vscode-descriptionForeground, inherit); }
.stressnb-look-more { display: block; }
`;

export function ensureHeadlineStyles(doc: Document = document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.appendChild(style);
}
