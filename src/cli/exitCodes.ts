// The exit codes every `stressnb` command shares (docs/ci.md lists them): a CI job reads the
// verdict from them, so a run that failed or did not finish never exits 0.
export const EXIT_PASS = 0;
/** A check, a triage hint or a threshold failed (compare: a regression). */
export const EXIT_FAIL = 1;
/** Bad usage or bad input: an unknown option, a spec or log that cannot be read. */
export const EXIT_USAGE = 2;
/** The run did not finish: a truncated log, a failed source, an interrupt, missing ticks. */
export const EXIT_INCOMPLETE = 3;
/** `stressnb search`: even the top of the range is sustained, so the boundary lies above it. */
export const EXIT_ABOVE_RANGE = 4;
