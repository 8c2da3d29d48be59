// A lower TurboFan inlining limit for the process of a `stressnb run`.
//
// A preset run is short: a hot-family run's 40,000 tasks take 40 to 60 ms. V8's optimizing
// compiler inlines callees of up to 460 bytes of bytecode, so each of the engine's hot functions
// is compiled as a large graph, and on a machine with few cores most of those compiles end after
// the run's burst, which meanwhile runs in baseline code. With callees of up to 150 bytes inlined
// the graphs are small and ready in time: a hot-family `stressnb run` takes about 20 ms less
// (`npm run bench -- start-up`), while long engine runs keep their speed (the engine bench's
// 3000 s runs are the same within the noise), and so does reading a large log (`stressnb analyze`
// of 770,000 lines).
//
// The flag is set once, as the process starts, before any function has been optimized: as if node
// had been started with it. It must not change while V8 compiles in the background: V8 reads it
// twice while inlining, and a change in between stops the process (a failed check in JSInliner,
// seen when the default was put back after each engine run). Set before the command's bundle is
// loaded, it is also part of the flags the bundle's code cache (compileCache.ts) is checked
// against at every run. Only on the V8 it was measured with (Node 20's), not when node itself was
// given the flag, and never in VS Code's process: only dist/cli.js, started as `stressnb run`,
// calls it.

const FLAG = '--max-inlined-bytecode-size';
const RUN_LIMIT = 150;

/** True when the limit is lowered: V8 11, and node was not given the flag. */
export function lowersInlining(v8Version: string, execArgv: readonly string[]): boolean {
  return v8Version.startsWith('11.') && !execArgv.some((arg) => /^--max[-_]inlined[-_]bytecode[-_]size(=|$)/.test(arg));
}

/** Lowers the limit for the rest of the process. Call it first thing, before any code is hot. */
export function lowerInliningForRun(): void {
  if (!lowersInlining(process.versions.v8, process.execArgv)) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- node:v8 loads Node's stream modules: only for `stressnb run`
  (require('node:v8') as typeof import('node:v8')).setFlagsFromString(`${FLAG}=${RUN_LIMIT}`);
}
