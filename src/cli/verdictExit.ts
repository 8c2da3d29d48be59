// A verdict as the exit status every command shares (exitCodes.ts): a run that failed or did
// not finish never exits 0.

import type { RunVerdict } from '../analysis/reportTypes';
import { EXIT_FAIL, EXIT_INCOMPLETE, EXIT_PASS } from './exitCodes';

export function exitStatusOf(verdict: RunVerdict): number {
  return verdict === 'pass' ? EXIT_PASS : verdict === 'fail' ? EXIT_FAIL : EXIT_INCOMPLETE;
}
