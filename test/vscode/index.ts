// The test entry the VS Code extension host loads (payload `extensionTestsPath`, or
// @vscode/test-electron): runs every test/vscode/*.vscode.test.ts with mocha and writes
// {passed, failed, failures} to the file named by STRESSNB_TEST_RESULT.
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';
import { testModules } from 'virtual:vscode-tests';
import { runMochaSuites } from './helpers/mochaSuites';
import { testGrep } from './helpers/testGrep';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  mocha.grep(testGrep(process.env.STRESSNB_TEST_MODE, process.env.STRESSNB_TEST_GREP));
  const result = await runMochaSuites(mocha, testModules);

  const resultFile = process.env.STRESSNB_TEST_RESULT;
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n');
  if (result.failed > 0) throw new Error(`${result.failed} test(s) failed`);
  // With a grep, one of the two passes may rightly select nothing.
  if (result.passed === 0 && !process.env.STRESSNB_TEST_GREP) throw new Error('no test ran (check the test files)');
}
