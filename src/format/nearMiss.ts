// Why a line that is not a counter line looks like one: what `stressnb analyze` says about a log
// with no counter line at all ("the closest was line 3: it has partition= but no t="), so the
// person who wrote the harness sees what to change. Only skipped lines are looked at, and only
// until the first near miss is found.

import { COUNTER_KEYS } from './runEvents';
import { keyAt } from './logfmtScanner';

/** Why `line` (a line read as not a counter line) came close to one, or undefined when it did not. */
export function nearMissReason(line: string): string | undefined {
  const hasPartition = line.includes('partition');
  const counters = COUNTER_KEYS.filter((key) => line.includes(key));
  if (!hasPartition && counters.length === 0) return undefined;
  const to = line.length;
  const json = line.trimStart().startsWith('{');
  if (json) {
    const missing = [!/"t"\s*:/.test(line) && '"t"', !/"partition"\s*:/.test(line) && '"partition"'].filter(Boolean);
    return missing.length > 0 ? `a JSON object with counters but no ${missing.join(' or ')}` : undefined;
  }
  const logfmtPartition = keyAt(line, 'partition=', 0, to);
  const logfmtCounters = COUNTER_KEYS.filter((key) => keyAt(line, `${key}=`, 0, to));
  if (!logfmtPartition && logfmtCounters.length === 0) {
    return `it names ${hasPartition ? 'partition' : counters[0]} but not as key=value (logfmt: ${hasPartition ? 'partition=0' : `${counters[0]}=123`}, blanks between the pairs)`;
  }
  if (!keyAt(line, 't=', 0, to)) {
    return /(?:^|\s)(?:ts|time|timestamp|elapsed|elapsedS)=/.test(line)
      ? 'it has no t= (seconds since the start); the time is under another key'
      : 'it has no t= (seconds since the start)';
  }
  if (!logfmtPartition) return 'it has counters but no partition=';
  return undefined;
}
