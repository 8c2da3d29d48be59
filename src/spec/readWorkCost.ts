// `workCostMs:` a number of milliseconds, or a distribution mapping such as
// `{ dist: lognormal, medianMs: 15, sigma: 0.5 }`.

import { isMap, isScalar } from 'yaml';
import type { WorkCost } from './scenarioSpec';
import { SPEC_KEYS, WORK_COST_DIST_KEY, WORK_COST_KEYS } from './specKeys';
import type { Entry, YamlSpecReader } from './yamlSpecReader';

type Dist = keyof typeof WORK_COST_KEYS;
const DISTS = Object.keys(WORK_COST_KEYS) as Dist[];

export function readWorkCost(r: YamlSpecReader, entry: Entry): WorkCost | undefined {
  const node = r.resolve(entry.value);
  if (!node || !isMap(node)) {
    if (node && isScalar(node) && typeof node.value === 'string' && (DISTS as string[]).includes(node.value)) {
      r.report(
        entry.where,
        `workCostMs: "${node.value}" needs its parameters, for example { dist: ${node.value}, ${exampleFor(node.value as Dist)} }`,
      );
      return undefined;
    }
    const ms = r.number(entry, SPEC_KEYS.workCostMs);
    return ms === undefined ? undefined : { dist: 'fixed', ms };
  }
  const distEntries = r.entries(node, 'workCostMs', ['dist', ...DISTS.flatMap((d) => Object.keys(WORK_COST_KEYS[d]))]);
  const distEntry = distEntries.get('dist');
  if (!distEntry) {
    r.reportFirstLine(
      node,
      `workCostMs needs "dist", one of ${DISTS.join(', ')}; for example { dist: lognormal, medianMs: 15, sigma: 0.5 }`,
    );
    return undefined;
  }
  const dist = r.oneOf(distEntry, WORK_COST_DIST_KEY.values as Dist[]);
  if (dist === undefined) return undefined;
  const wanted = WORK_COST_KEYS[dist];
  const values: Record<string, number> = {};
  let complete = true;
  for (const [key, e] of distEntries) {
    if (key === 'dist') continue;
    if (!(key in wanted)) {
      r.report(e.keyNode, `workCostMs.${key} does not apply to dist: ${dist}, which takes ${Object.keys(wanted).join(', ')}`);
      complete = false;
      continue;
    }
    const v = r.number(e, wanted[key]);
    if (v === undefined) complete = false;
    else values[key] = v;
  }
  for (const key of Object.keys(wanted)) {
    if (!distEntries.has(key)) {
      r.reportFirstLine(node, `workCostMs with dist: ${dist} needs ${key}; for example { dist: ${dist}, ${exampleFor(dist)} }`);
      complete = false;
    }
  }
  if (!complete) return undefined;
  switch (dist) {
    case 'fixed':
      return { dist, ms: values.ms };
    case 'uniform':
      if (values.minMs > values.maxMs) {
        r.report(distEntries.get('minMs')!.where, `workCostMs.minMs (${values.minMs}) must not be larger than maxMs (${values.maxMs})`);
        return undefined;
      }
      return { dist, minMs: values.minMs, maxMs: values.maxMs };
    case 'exponential':
      return { dist, meanMs: values.meanMs };
    case 'lognormal':
      return { dist, medianMs: values.medianMs, sigma: values.sigma };
  }
}

function exampleFor(dist: Dist): string {
  switch (dist) {
    case 'fixed':
      return 'ms: 15';
    case 'uniform':
      return 'minMs: 5, maxMs: 25';
    case 'exponential':
      return 'meanMs: 15';
    case 'lognormal':
      return 'medianMs: 15, sigma: 0.5';
  }
}
