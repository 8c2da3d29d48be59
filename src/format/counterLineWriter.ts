// Writes run events as the counter-line contract of DESIGN.md section 4: logfmt lines, or JSON
// lines with the same keys. Counters are cumulative; `t` is seconds since start with 3 decimals.

import { COUNTER_KEYS, EXPECT_KEY_PREFIX, type ConfigHeader, type RunEvent } from './runEvents';

export type CounterLineFormat = 'lines' | 'jsonl';

/** The lines (without newline) of one event: one for config and phase, one per partition for a tick. */
export function formatRunEvent(event: RunEvent, format: CounterLineFormat): string[] {
  return format === 'jsonl' ? formatJson(event) : formatLogfmt(event);
}

function formatLogfmt(event: RunEvent): string[] {
  switch (event.type) {
    case 'config': {
      // The run's thresholds travel on its config line (runEvents.ts, StreamThresholds).
      const expect = Object.entries(event.expect ?? {}).map(
        ([metric, comparison]) => `${EXPECT_KEY_PREFIX}${metric}=${JSON.stringify(comparison)}`,
      );
      return [['config', ...Object.entries(event.config).map(([k, v]) => `${k}=${logfmtValue(v)}`), ...expect].join(' ')];
    }
    case 'phase':
      return [`t=${seconds(event.t)} phase=${event.phase}${event.reason ? ` reason=${event.reason}` : ''}`];
    case 'tick': {
      const t = seconds(event.t);
      return event.partitions.map((counters, p) => {
        let line = `t=${t} partition=${p}`;
        for (const key of COUNTER_KEYS) line += ` ${key}=${counters[key]}`;
        return line;
      });
    }
  }
}

/**
 * JSON lines: the logfmt line's keys with the same values. The config line's leading bare word
 * `config` becomes `"config": true`, as a bare logfmt key means `key=true`; its thresholds an
 * `"expect"` object.
 */
function formatJson(event: RunEvent): string[] {
  switch (event.type) {
    case 'config':
      return [
        JSON.stringify({
          config: true,
          ...(event.config satisfies ConfigHeader),
          ...(event.expect && Object.keys(event.expect).length > 0 ? { expect: event.expect } : {}),
        }),
      ];
    case 'phase':
      return [JSON.stringify({ t: jsonSeconds(event.t), phase: event.phase, ...(event.reason ? { reason: event.reason } : {}) })];
    case 'tick': {
      const t = jsonSeconds(event.t);
      return event.partitions.map((counters, partition) => {
        const line: Record<string, number> = { t, partition };
        for (const key of COUNTER_KEYS) line[key] = counters[key];
        return JSON.stringify(line);
      });
    }
  }
}

function seconds(t: number): string {
  return t.toFixed(3);
}

function jsonSeconds(t: number): number {
  return Number(t.toFixed(3));
}

/** Values are meant to be logfmt-safe already; quote the rare one that is not rather than break the line. */
function logfmtValue(value: string | number): string {
  const text = String(value);
  return text === '' || /[\s"=\\]/.test(text) ? JSON.stringify(text) : text;
}
