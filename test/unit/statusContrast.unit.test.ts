// Status colours read as text (WCAG AA, 4.5:1): the headline's status word, its ✗ marks and its
// stale mark in VS Code's light, dark and high-contrast themes (the colours those themes give the
// variables the renderer reads), and the exported report's status badges in light, dark and print.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { REPORT_CSS } from '../../src/export/htmlStyles';
import { contrastRatio, parseHexColour, statusTextColour, type Rgb } from '../../src/contracts/statusContrast';

const AA = 4.5;

/**
 * The variables the headline reads, as VS Code 1.100's built-in themes set them
 * (extensions/theme-defaults/themes/*.json, else the colour registry's defaults):
 * editor.background, testing.iconPassed, testing.iconFailed, errorForeground, editorWarning.foreground.
 */
const THEMES: { name: string; kind: 'light' | 'dark'; background: string; status: Record<string, string> }[] = [
  {
    name: 'Light Modern',
    kind: 'light',
    background: '#FFFFFF',
    status: { pass: '#73c991', fail: '#f14c4c', error: '#F85149', warning: '#BF8803' },
  },
  {
    name: 'Light+',
    kind: 'light',
    background: '#FFFFFF',
    status: { pass: '#73c991', fail: '#f14c4c', error: '#A1260D', warning: '#BF8803' },
  },
  {
    name: 'Dark Modern',
    kind: 'dark',
    background: '#1F1F1F',
    status: { pass: '#73c991', fail: '#f14c4c', error: '#F85149', warning: '#CCA700' },
  },
  {
    name: 'Dark+',
    kind: 'dark',
    background: '#1E1E1E',
    status: { pass: '#73c991', fail: '#f14c4c', error: '#F48771', warning: '#CCA700' },
  },
  {
    name: 'Dark High Contrast',
    kind: 'dark',
    background: '#000000',
    status: { pass: '#73c991', fail: '#f14c4c', error: '#F48771', warning: '#FFD370' },
  },
  {
    name: 'Light High Contrast',
    kind: 'light',
    background: '#FFFFFF',
    status: { pass: '#007100', fail: '#B5200D', error: '#B5200D', warning: '#895503' },
  },
];

describe('status colours as text', () => {
  test('the theme colours alone are too faint in places (what this guards against)', () => {
    assert.ok(contrastRatio(parseHexColour('#73c991'), parseHexColour('#FFFFFF')) < 2.1, 'the passed green on white');
  });

  for (const theme of THEMES) {
    test(`${theme.name}: every status is at least ${AA}:1 on the background`, () => {
      const background = parseHexColour(theme.background);
      for (const [status, colour] of Object.entries(theme.status)) {
        const text = statusTextColour(parseHexColour(colour), theme.kind);
        const ratio = contrastRatio(text, background);
        assert.ok(ratio >= AA, `${status} (${colour} drawn as rgb(${text.join(', ')})) is ${ratio.toFixed(2)}:1 on ${theme.background}`);
      }
    });
  }

  test('the text keeps its hue: a passed status stays green, a failed one red', () => {
    const [r, g, b] = statusTextColour(parseHexColour('#73c991'), 'light');
    assert.ok(g > r && g > b, `rgb(${r}, ${g}, ${b})`);
    const [fr, fg, fb] = statusTextColour(parseHexColour('#f14c4c'), 'dark');
    assert.ok(fr > fg && fr > fb, `rgb(${fr}, ${fg}, ${fb})`);
  });
});

describe('the exported report', () => {
  /** The custom properties of one :root block of the report's style sheet. */
  function variables(block: string): Record<string, Rgb> {
    return Object.fromEntries(
      [...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{3,8})/gi)].map(([, name, value]) => [name, parseHexColour(value)]),
    );
  }
  const [light, dark, print] = [...REPORT_CSS.matchAll(/:root \{([^}]*)\}/g)].map((m) => variables(m[1]));

  for (const [scheme, vars] of [
    ['light', light],
    ['dark', dark],
    ['print', print],
  ] as const) {
    test(`${scheme}: status badges and muted text are at least ${AA}:1`, () => {
      for (const status of ['pass', 'fail', 'warn', 'none']) {
        const ratio = contrastRatio(vars[status], vars[`${status}-bg`]);
        assert.ok(ratio >= AA, `${status} on its badge: ${ratio.toFixed(2)}:1`);
        const onPage = contrastRatio(vars[status], vars.bg);
        assert.ok(onPage >= AA, `${status} on the page: ${onPage.toFixed(2)}:1`);
      }
      assert.ok(contrastRatio(vars.muted, vars.bg) >= AA, 'muted text');
    });
  }
});
