// "Save SVG" / "Save PNG" of one drawn chart: the view exports itself (with the theme's
// background) and an anchor with `download` hands the file to the browser.

import type { View } from 'vega';

export type ChartFormat = 'svg' | 'png';

export async function downloadChart(view: View, chartId: string, format: ChartFormat): Promise<void> {
  let url: string;
  let revoke = false;
  if (format === 'svg') {
    url = URL.createObjectURL(new Blob([await view.toSVG()], { type: 'image/svg+xml' }));
    revoke = true;
  } else {
    url = await view.toImageURL('png', 2);
  }
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `stressnb-${chartId}.${format}`;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  if (revoke) setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
