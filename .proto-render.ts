import { writeFileSync } from 'node:fs';
import { buildRunCharts } from './src/analysis/charts/buildRunCharts';
import { compileCharts } from './src/analysis/charts/compileCharts';
import { sampleEvents } from './test/unit/helpers/chartsSampleEvents';
async function main() {
const vega = await import('vega');
const { expressionInterpreter } = await import('vega-interpreter');
const name = process.argv[2] ?? 'disruptor-hot-family.log';
const events = sampleEvents(name);
const base = sampleEvents('disruptor-steady.log');
let t0 = performance.now();
const charts = buildRunCharts(events, { baseline: { events: base, label: 'steady baseline' } });
let t1 = performance.now();
const warnings: string[] = [];
const payload = await compileCharts(charts, { onWarning: (w) => warnings.push(w) });
let t2 = performance.now();
await compileCharts(buildRunCharts(events, { baseline: { events: base } }));
let t3 = performance.now();
console.log('build', (t1-t0).toFixed(1), 'compile', (t2-t1).toFixed(1), 'recompile', (t3-t2).toFixed(1), 'warnings', warnings);
let html = '<html><body style="background:#fff;font-family:sans-serif">';
for (const c of payload.charts) {
  const view = new vega.View(vega.parse(c.vega, undefined, { ast: true }), { renderer: 'none', expr: expressionInterpreter as any });
  const svg = await view.toSVG();
  html += `<div>${svg}</div>`;
}
console.log('payload bytes', JSON.stringify(payload).length);
writeFileSync('/tmp/charts-proto/out.html', html + '</body></html>');
}
main();
