// `load:` the preset's numbers to override, or for `custom` a list of streams; expanded into
// LoadStream[] and bounded so a run cannot exhaust memory.

import { isMap } from 'yaml';
import { PRESETS, presetDefaults } from './presets';
import { loadTaskCount } from './loadVolume';
import type { LoadStream, ScenarioName } from './scenarioSpec';
import { STREAM_KEYS, loadKeysFor } from './specKeys';
import { SPEC_LIMITS } from './specLimits';
import type { Entry, YamlSpecReader } from './yamlSpecReader';

export interface LoadContext {
  scenario: ScenarioName;
  /** The `scenario:` entry, where a missing `load:` of a custom scenario is reported. */
  scenarioEntry?: Entry;
  warmupS: number;
  measureS: number;
}

export function readLoad(r: YamlSpecReader, entry: Entry | undefined, ctx: LoadContext): LoadStream[] | undefined {
  const streams = ctx.scenario === 'custom' ? readCustomLoad(r, entry, ctx) : readPresetLoad(r, entry, ctx);
  if (!streams) return undefined;
  const productionEndS = ctx.warmupS + ctx.measureS;
  const where = entry?.keyNode ?? ctx.scenarioEntry?.where;
  const tooManyFamilies = streams.find((s) => !s.uncorrelated && s.families > SPEC_LIMITS.maxFamiliesPerStream);
  if (tooManyFamilies && where) {
    r.report(
      where,
      `load: ${tooManyFamilies.families} families in one stream would exhaust memory; the limit is ${SPEC_LIMITS.maxFamiliesPerStream}`,
    );
    return undefined;
  }
  const tasks = loadTaskCount(streams, productionEndS);
  if (tasks > SPEC_LIMITS.maxTasks && where) {
    r.report(
      where,
      `load: this load produces about ${tasks} tasks before production stops at ${productionEndS} s; the limit is ${SPEC_LIMITS.maxTasks} (lower the rates or task counts, or shorten measureS)`,
    );
    return undefined;
  }
  return streams;
}

function readPresetLoad(r: YamlSpecReader, entry: Entry | undefined, ctx: LoadContext): LoadStream[] | undefined {
  const scenario = ctx.scenario as Exclude<ScenarioName, 'custom'>;
  const preset = PRESETS[scenario];
  const params = presetDefaults(preset);
  const allowed = Object.keys(preset.load);
  let ok = true;
  if (entry) {
    const map = r.mapping(entry, `for example { ${allowed[0]}: ${preset.load[allowed[0]].default} }`);
    if (!map) return undefined;
    const takes = `${scenario} takes ${allowed.join(', ')}`;
    const entries = r.entries(map, 'load', allowed, (key) => {
      if (key === 'streams') return `load.streams is for scenario: custom; ${takes}`;
      const owner = Object.entries(PRESETS).find(([, p]) => key in p.load)?.[0];
      return owner ? `load.${key} is a load key of ${owner}, not of ${scenario}; ${takes}` : undefined;
    });
    for (const [key, e] of entries) {
      const param = preset.load[key];
      const value = r.number(e, { min: param.min, integer: param.integer });
      if (value === undefined) ok = false;
      else params[key] = value;
    }
  }
  if (!ok) return undefined;
  return preset.expand(params, { warmupS: ctx.warmupS, measureS: ctx.measureS });
}

function readCustomLoad(r: YamlSpecReader, entry: Entry | undefined, ctx: LoadContext): LoadStream[] | undefined {
  const example = 'load: { streams: [ { families: 50, ratePerS: 500 } ] }';
  if (!entry) {
    if (ctx.scenarioEntry) r.report(ctx.scenarioEntry.where, `scenario: custom needs a load, for example ${example}`);
    return undefined;
  }
  const map = r.mapping(entry, example);
  if (!map) return undefined;
  const entries = r.entries(map, 'load', Object.keys(loadKeysFor('custom')), (key) => {
    const owner = Object.entries(PRESETS).find(([, p]) => key in p.load)?.[0];
    return owner ? `load.${key} is a load key of ${owner}; scenario: custom describes its load as streams (${example})` : undefined;
  });
  const streamsEntry = entries.get('streams');
  if (!streamsEntry) {
    r.reportFirstLine(entry.where, `load needs streams for scenario: custom, for example ${example}`);
    return undefined;
  }
  const seq = r.sequence(streamsEntry, 'each item a mapping with families, ratePerS and optionally tasks, startS, everyS');
  if (!seq) return undefined;
  if (seq.items.length === 0) {
    r.report(streamsEntry.where, 'load.streams must list at least one stream');
    return undefined;
  }
  if (seq.items.length > SPEC_LIMITS.maxStreams) {
    r.report(streamsEntry.where, `load.streams lists ${seq.items.length} streams; the limit is ${SPEC_LIMITS.maxStreams}`);
    return undefined;
  }
  const streams: LoadStream[] = [];
  let ok = true;
  seq.items.forEach((item, i) => {
    const stream = readStream(r, item as Entry['value'], i, streamsEntry, ctx.warmupS + ctx.measureS);
    if (stream) streams.push(stream);
    else ok = false;
  });
  return ok ? streams : undefined;
}

function readStream(r: YamlSpecReader, item: Entry['value'], index: number, parent: Entry, productionEndS: number): LoadStream | undefined {
  const path = `load.streams[${index}]`;
  const node = r.resolve(item);
  if (!node || !isMap(node)) {
    r.report(node ?? parent.where, `${path} must be a mapping such as { families: 50, ratePerS: 500 }`);
    return undefined;
  }
  const entries = r.entries(node, path, Object.keys(STREAM_KEYS));
  const values: Partial<LoadStream> = {};
  let ok = true;
  for (const [key, e] of entries) {
    const info = STREAM_KEYS[key];
    if (info.type === 'boolean') {
      const v = r.boolean(e);
      if (v === undefined) ok = false;
      else values.uncorrelated = v;
    } else if (info.type === 'string') {
      const v = r.string(e, { nonEmpty: true });
      if (v === undefined) ok = false;
      else values.keyPrefix = v;
    } else {
      const v = r.number(e, { ...info, integer: info.type === 'integer' });
      if (v === undefined) ok = false;
      else (values as Record<string, number>)[key] = v;
    }
  }
  if (!entries.has('ratePerS')) {
    r.reportFirstLine(node, `${path} needs ratePerS, the publish rate in tasks per second`);
    ok = false;
  }
  const uncorrelated = values.uncorrelated ?? false;
  if (!uncorrelated && !entries.has('families')) {
    r.reportFirstLine(node, `${path} needs families (how many family keys it cycles through), or uncorrelated: true`);
    ok = false;
  }
  if (uncorrelated && entries.has('families')) {
    r.report(
      entries.get('families')!.keyNode,
      `${path}.families is ignored with uncorrelated: true (every task is its own family)`,
      'warning',
    );
  }
  if (entries.has('everyS') && !entries.has('tasks')) {
    r.report(entries.get('everyS')!.keyNode, `${path}.everyS repeats a burst of tasks; add tasks (the size of each burst)`);
    ok = false;
  }
  if (!ok) return undefined;
  const startS = values.startS ?? 0;
  if (startS >= productionEndS) {
    r.report(
      entries.get('startS')!.where,
      `${path} starts at ${startS} s, after production stops (warmupS + measureS = ${productionEndS} s): it produces nothing`,
      'warning',
    );
  }
  return {
    families: uncorrelated ? 0 : values.families!,
    uncorrelated,
    ...(values.tasks !== undefined ? { tasks: values.tasks } : {}),
    ratePerS: values.ratePerS!,
    startS,
    ...(values.everyS !== undefined ? { everyS: values.everyS } : {}),
    keyPrefix: values.keyPrefix ?? `s${index}-`,
  };
}
