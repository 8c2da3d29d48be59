// Loads the bundled test modules into a mocha instance and runs them, counting passes and
// failures: the same for the Node test entry (test/vscode/index.ts, mocha's Node build) and the
// web one (test/web/index.ts, mocha's browser build in the web worker extension host).
import type Mocha from 'mocha';

export interface TestFailure {
  title: string;
  error: string;
}

export interface TestResult {
  passed: number;
  failed: number;
  failures: TestFailure[];
}

export async function runMochaSuites(
  mocha: Mocha,
  testModules: ReadonlyArray<{ file: string; load: () => Promise<unknown> }>,
): Promise<TestResult> {
  const failures: TestFailure[] = [];
  for (const { file, load } of testModules) {
    mocha.suite.emit('pre-require', globalThis, file, mocha);
    try {
      await load();
    } catch (e) {
      failures.push({ title: `loading ${file}`, error: describeError(e) });
    }
    mocha.suite.emit('post-require', globalThis, file, mocha);
  }

  let passed = 0;
  if (failures.length === 0) {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => (passed += 1));
      runner.on('fail', (test, err) => failures.push({ title: test.fullTitle(), error: describeError(err) }));
    });
  } else {
    for (const f of failures) console.error(`${f.title}: ${f.error}`);
  }
  return { passed, failed: failures.length, failures };
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
