// The folders the debug configurations of .vscode/launch.json open; their preLaunchTask runs this.
//   node scripts/debug-folders.mjs scratch          scratch/: the scratch copy of notebooks/ that
//                                                   npm start opens too (edits there are kept)
//   node scripts/debug-folders.mjs test-workspace   .vscode-test/workspace/: a fresh copy laid out
//                                                   like the repository, for the extension tests
// Both are git-ignored, so the tracked samples and fixtures never change.
import { join } from 'node:path';
import { repoRoot } from './lib/codeServerPaths.mjs';
import { defaultScratchDir, scratchCopy } from './lib/scratchCopy.mjs';
import { fillTestWorkspace } from './lib/testWorkspace.mjs';

const which = process.argv[2];
if (which === 'scratch') {
  scratchCopy(defaultScratchDir);
  console.log(`scratch copy of notebooks/: ${defaultScratchDir}`);
} else if (which === 'test-workspace') {
  const folder = join(repoRoot, '.vscode-test', 'workspace');
  fillTestWorkspace(folder);
  console.log(`test workspace: ${folder}`);
} else {
  console.error('usage: node scripts/debug-folders.mjs scratch|test-workspace');
  process.exit(2);
}
