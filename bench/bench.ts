// `npm run bench`: runs every benchmark in order and prints its figures (`npm run bench -- sweep`
// runs only those whose name contains "sweep"). Add a benchmark by adding it to BENCHES.

import { chartsBench } from './chartsBench';
import { engineBench } from './engineBench';
import { parserBench } from './parserBench';
import { webBench } from './webBench';
import { sweepBench } from './sweepBench';

const BENCHES: { name: string; run: () => void | Promise<void> }[] = [
  { name: 'engine', run: engineBench },
  { name: 'counter-line parser', run: parserBench },
  { name: 'charts payload', run: chartsBench },
  { name: 'web extension (VS Code for the Web)', run: webBench },
  { name: 'sweep', run: sweepBench },
];

const only = process.argv.slice(2);

// Not a top-level await: the bench is bundled as CommonJS (esbuild.mjs).
void (async () => {
  for (const bench of BENCHES.filter((b) => only.length === 0 || only.some((o) => b.name.includes(o)))) {
    console.log(`== ${bench.name}`);
    await bench.run();
    console.log('');
  }
})();
