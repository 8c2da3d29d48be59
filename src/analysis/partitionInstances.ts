// Which instance of a service a partition belongs to, when the run was read from the metrics of
// several instances (src/sources/metrics/partitionLayout.ts writes `instances=a,b` and
// `instanceMode=separate|sum` into the config line): messages name it beside the partition, so a
// counter reset points at the process that restarted.

import type { ConfigHeader } from '../format/runEvents';

/** "partition 5 (instance b:9404, its partition 1)", or "partition 5" when the run names no instance. */
export function partitionName(config: ConfigHeader, p: number): string {
  const owner = instanceOf(config, p);
  return owner ? `partition ${p} (${owner})` : `partition ${p}`;
}

function instanceOf(config: ConfigHeader, p: number): string | undefined {
  const list = config.instances;
  if (typeof list !== 'string' || list === '') return undefined;
  const names = list.split(',');
  if (config.instanceMode === 'sum') return names.length > 1 ? `instances ${names.join(', ')} summed` : `instance ${names[0]}`;
  if (names.length === 1) return `instance ${names[0]}`;
  const per = Number(config.partitions) / names.length;
  if (!Number.isInteger(per) || per <= 0) return undefined;
  const i = Math.floor(p / per);
  return i < names.length ? `instance ${names[i]}, its partition ${p - i * per}` : undefined;
}
