// Status colours as text that reads (WCAG AA: 4.5:1 against the background). The renderer draws
// a status (PASS, FAIL, stale) in the theme's own colours, but some of those are icon colours too
// faint for text on their background (the Test Explorer's passed green is 2:1 on white). So text
// in a status colour is that colour mixed towards black in light themes and towards white in dark
// ones, by these shares of the status colour; test/unit/statusContrast.unit.test.ts checks the
// result against the colours of VS Code's light, dark and high-contrast themes.

/** Share of the status colour in status text on a light theme (the rest is black). */
export const LIGHT_THEME_STATUS_SHARE = 60;
/** Share of the status colour in status text on a dark theme (the rest is white). */
export const DARK_THEME_STATUS_SHARE = 80;

export type Rgb = readonly [number, number, number];

/** "#rrggbb" or "#rgb" (an alpha part is ignored) as 0-255 channels; throws on anything else. */
export function parseHexColour(text: string): Rgb {
  const hex = text.trim().replace(/^#/, '');
  const full = hex.length === 3 || hex.length === 4 ? [...hex.slice(0, 3)].map((c) => c + c).join('') : hex.slice(0, 6);
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a hex colour: ${text}`);
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** `share` % of `a` and the rest of `b`, channel by channel in sRGB (CSS color-mix(in srgb, a share%, b)). */
export function mixSrgb(a: Rgb, b: Rgb, share: number): Rgb {
  const p = share / 100;
  return a.map((v, i) => Math.round(v * p + b[i] * (1 - p))) as unknown as Rgb;
}

/** WCAG relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour status text is drawn in, for a status colour on a light or dark theme. */
export function statusTextColour(status: Rgb, themeKind: 'light' | 'dark'): Rgb {
  return themeKind === 'light'
    ? mixSrgb(status, [0, 0, 0], LIGHT_THEME_STATUS_SHARE)
    : mixSrgb(status, [255, 255, 255], DARK_THEME_STATUS_SHARE);
}
