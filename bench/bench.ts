// `npm run bench`: runs every benchmark in order and prints its figures. Add a benchmark by
// adding it to BENCHES.

import { engineBench } from './engineBench';
import { parserBench } from './parserBench';

const BENCHES: { name: string; run: () => void }[] = [{ name: 'engine', run: engineBench }, { name: 'counter-line parser', run: parserBench }];

for (const bench of BENCHES) {
  console.log(`== ${bench.name}`);
  bench.run();
  console.log('');
}
