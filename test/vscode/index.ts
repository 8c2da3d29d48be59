// The test entry the VS Code extension host loads (payload `extensionTestsPath`, or
// @vscode/test-electron): runs every test/vscode/*.vscode.test.ts with mocha and writes
// {passed, failed, failures} to the file named by STRESSNB_TEST_RESULT.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { testModules } from 'virtual:vscode-tests';
import { testGrep } from './helpers/testGrep';

interface TestFailure {
  title: string;
  error: string;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.grep(testGrep(process.env.STRESSNB_TEST_MODE, process.env.STRESSNB_TEST_GREP));
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

  const result = { passed, failed: failures.length, failures };
  const resultFile = process.env.STRESSNB_TEST_RESULT;
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
  if (failures.length > 0) throw new Error(`${failures.length} test(s) failed`);
  // With a grep, one of the two passes may rightly select nothing.
  if (passed === 0 && !process.env.STRESSNB_TEST_GREP) throw new Error('no test ran (check the test files)');
}

function describeError(e: unknown): string {
  return e instanceof Error ? (e.stack ?? e.message) : String(e);
}
