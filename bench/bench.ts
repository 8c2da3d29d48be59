// `npm run bench`: runs every benchmark in order and prints its figures (`npm run bench -- sweep`
// runs only those whose name contains "sweep"). Add a benchmark by adding it to BENCHES.

import { chartsBench } from './chartsBench';
import { engineBench } from './engineBench';
import { parserBench } from './parserBench';
import { webBench } from './webBench';
import { searchBench } from './searchBench';
import { sweepBench } from './sweepBench';
import { soak24hBench, soakBench } from './soakBench';

const BENCHES: { name: string; run: () => void | Promise<void> }[] = [
  { name: 'engine', run: engineBench },
  { name: 'counter-line parser', run: parserBench },
  { name: 'charts payload', run: chartsBench },
  { name: 'web extension (VS Code for the Web)', run: webBench },
  { name: 'sweep', run: sweepBench },
  { name: 'capacity search (stressnb search, whole process)', run: searchBench },
  { name: 'soak (stressnb analyze, whole process)', run: soakBench },
];

/** Run only when named (`npm run bench -- soak-24h`): long. */
const ON_REQUEST: typeof BENCHES = [{ name: 'soak-24h (stressnb analyze, 11 M lines)', run: soak24hBench }];

const only = process.argv.slice(2);

// Not a top-level await: the bench is bundled as CommonJS (esbuild.mjs).
void (async () => {
  const chosen = only.length === 0 ? BENCHES : [...BENCHES, ...ON_REQUEST].filter((b) => only.some((o) => b.name.includes(o)));
  for (const bench of chosen) {
    console.log(`== ${bench.name}`);
    await bench.run();
    console.log('');
  }
})();
