// `fault:` a defect name, or `{ name, atS, partition, rate }`, checked against the run it is
// injected into.

import { isMap } from 'yaml';
import { DEFAULT_STALL_PARTITION, DEFAULT_STUCK_PARTITION } from './faultDefaults';
import { FAULT_NAMES, type FaultName, type FaultSpec, type LoadStream } from './scenarioSpec';
import { FAULT_KEYS } from './specKeys';
import type { Entry, YamlSpecReader } from './yamlSpecReader';

export interface FaultContext {
  partitions: number;
  runS: number;
  load: readonly LoadStream[];
}

/** The partition a fault hits when the cell does not say. */
const FAULT_DEFAULT_PARTITION: Partial<Record<FaultName, number>> = {
  'stuck-handler': DEFAULT_STUCK_PARTITION,
  'dispatch-stall': DEFAULT_STALL_PARTITION,
};

const KEY_APPLIES_TO: Record<string, readonly FaultName[]> = {
  atS: ['stuck-handler', 'dispatch-stall'],
  partition: ['stuck-handler', 'dispatch-stall'],
  rate: ['no-release', 'lost-wakeup'],
};

export function readFault(r: YamlSpecReader, entry: Entry | undefined, ctx: FaultContext): FaultSpec | undefined {
  if (!entry) return { name: 'none' };
  const node = r.resolve(entry.value);
  if (!node || !isMap(node)) {
    const name = r.oneOf(entry, FAULT_NAMES);
    return name === undefined ? undefined : checkFault(r, { name }, entry, undefined, ctx);
  }
  const entries = r.entries(node, 'fault', Object.keys(FAULT_KEYS));
  const nameEntry = entries.get('name');
  if (!nameEntry) {
    r.reportFirstLine(node, `fault needs a name, one of ${FAULT_NAMES.join(', ')}`);
    return undefined;
  }
  const name = r.oneOf(nameEntry, FAULT_NAMES);
  if (name === undefined) return undefined;
  const fault: FaultSpec = { name };
  let ok = true;
  for (const [key, e] of entries) {
    if (key === 'name') continue;
    if (!KEY_APPLIES_TO[key].includes(name)) {
      r.report(e.keyNode, `fault.${key} applies only to ${KEY_APPLIES_TO[key].join(' and ')}, not to ${name}`);
      ok = false;
      continue;
    }
    const info = FAULT_KEYS[key];
    const v = r.number(e, { ...info, integer: info.type === 'integer' });
    if (v === undefined) ok = false;
    else (fault as unknown as Record<string, number>)[key] = v;
  }
  if (!ok) return undefined;
  return checkFault(r, fault, nameEntry, entries, ctx);
}

function checkFault(
  r: YamlSpecReader,
  fault: FaultSpec,
  nameEntry: Entry,
  entries: Map<string, Entry> | undefined,
  ctx: FaultContext,
): FaultSpec | undefined {
  const defaultPartition = FAULT_DEFAULT_PARTITION[fault.name];
  if (fault.partition !== undefined && fault.partition >= ctx.partitions) {
    r.report(entries!.get('partition')!.where, `fault.partition must be less than partitions (${ctx.partitions}); got ${fault.partition}`);
    return undefined;
  }
  if (fault.partition === undefined && defaultPartition !== undefined && defaultPartition >= ctx.partitions) {
    // The engine wraps the default around (partition mod N); say so rather than surprise.
    r.report(
      nameEntry.where,
      `${fault.name} hits partition ${defaultPartition} by default; with ${ctx.partitions} partition${ctx.partitions === 1 ? '' : 's'} that is partition ${defaultPartition % ctx.partitions} (set fault.partition to choose)`,
      'warning',
    );
  }
  if (fault.atS !== undefined && fault.atS >= ctx.runS) {
    r.report(
      entries!.get('atS')!.where,
      `fault.atS (${fault.atS} s) is after the end of the run (${ctx.runS} s): the fault never shows`,
      'warning',
    );
  }
  if (fault.name === 'hash-skew' && ctx.partitions === 1) {
    r.report(nameEntry.where, 'hash-skew has no visible effect with a single partition', 'warning');
  }
  if (fault.name === 'neg1-single-family' && ctx.load.length > 0 && !ctx.load.some((s) => s.uncorrelated)) {
    r.report(nameEntry.where, 'neg1-single-family has no effect: this load has no uncorrelated (correlationId = -1) tasks', 'warning');
  }
  if (fault.name === 'lost-wakeup' && ctx.load.length > 0 && ctx.load.every((s) => s.uncorrelated)) {
    r.report(
      nameEntry.where,
      'lost-wakeup has no effect: every task of this load is uncorrelated (correlationId = -1), its own family, so no release leaves pending work',
      'warning',
    );
  }
  return fault;
}
