// The Vega config for the editor's current theme, read from the CSS variables VS Code puts in
// every notebook output webview (light, dark and high contrast alike), so the saved specs carry
// no theme colours of their own.

import type { Config } from 'vega';

export interface ChartTheme {
  config: Config;
  /** Colour of the phase bands and labels (the charts' foreground signal). */
  foreground: string;
  /** Colour of the triage hints' windows and labels (the charts' hint signal). */
  hint: string;
  /** Changes whenever the theme does: a cheap way to tell whether a redraw is needed. */
  key: string;
}

// VS Code defines six chart colours in every theme; partitions beyond six take the last four of
// this palette (distinct from those six). Without the editor's colours, this palette alone.
const FALLBACK_PALETTE = ['#4c78a8', '#f58518', '#54a24b', '#e45756', '#b279a2', '#eeca3b', '#72b7b2', '#ff9da6', '#9d755d', '#bab0ac'];
const EDITOR_PALETTE = ['blue', 'orange', 'green', 'red', 'purple', 'yellow'].map((c) => `--vscode-charts-${c}`);

export function readChartTheme(doc: Document = document): ChartTheme {
  const style = getComputedStyle(doc.body);
  const css = (name: string) => style.getPropertyValue(name).trim();
  const classes = doc.body.classList;
  const dark =
    classes.contains('vscode-dark') || (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'));
  const highContrast = classes.contains('vscode-high-contrast') || classes.contains('vscode-high-contrast-light');

  const foreground = css('--vscode-editor-foreground') || css('--vscode-foreground') || (dark ? '#cccccc' : '#333333');
  const background =
    css('--vscode-notebook-outputContainerBackgroundColor') || css('--vscode-editor-background') || (dark ? '#1e1e1e' : '#ffffff');
  const hint = css('--vscode-editorWarning-foreground') || (dark ? '#cca700' : '#bf8803');
  const lines = css('--vscode-charts-lines') || (dark ? '#ffffff33' : '#00000022');
  const font = css('--vscode-font-family') || 'sans-serif';
  const editorColours = EDITOR_PALETTE.map(css);
  const palette = editorColours.every(Boolean) ? [...editorColours, ...FALLBACK_PALETTE.slice(6)] : FALLBACK_PALETTE;
  const guide = { labelColor: foreground, titleColor: foreground, labelFont: font, titleFont: font };

  const config: Config = {
    background,
    title: { color: foreground, subtitleColor: foreground, font, subtitleFont: font, fontSize: 13, fontWeight: 600, anchor: 'start' },
    axis: {
      ...guide,
      domainColor: highContrast ? foreground : lines,
      tickColor: highContrast ? foreground : lines,
      gridColor: lines,
      gridOpacity: highContrast ? 0.6 : 1,
    },
    legend: guide,
    text: { fill: foreground, font },
    range: { category: palette },
    style: {
      'guide-label': { fill: foreground, font },
      'guide-title': { fill: foreground, font },
      'group-title': { fill: foreground, font },
    },
  } as Config;
  return { config, foreground, hint, key: JSON.stringify([config, foreground, hint]) };
}
