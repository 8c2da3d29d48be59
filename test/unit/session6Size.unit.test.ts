// notebooks/session6.stressnb after Run All stays light on disk: at most 400 KB, with every run's
// charts saved once as figures and the whole transcript of each run still saved (one click away
// in the editor). The outputs are made without VS Code (helpers/runAllHeadless.ts), item for item
// those a Run All in the editor saves; test/vscode/firstRun.vscode.test.ts checks the file a real
// Run All saves.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CHARTS_MIME, readChartsPayload, RUN_CHARTS_VERSION } from '../../src/contracts/chartsPayload';
import { TRANSCRIPT_MIME } from '../../src/contracts/runOutputs';
import { parseStressnb, serializeStressnb } from '../../src/format/stressnbFile';
import { hasSearch } from '../../src/spec/searchProbeSpec';
import { hasSweep } from '../../src/spec/sweepPointSpec';
import { runAllHeadless } from './helpers/runAllHeadless';

const SESSION6_SAVED_LIMIT_BYTES = 400 * 1024;

describe('session6 after Run All', () => {
  test(`is at most ${SESSION6_SAVED_LIMIT_BYTES / 1024} KB on disk, each run's charts saved as figures and its whole transcript kept`, async () => {
    const parsed = parseStressnb(readFileSync(new URL('../../notebooks/session6.stressnb', import.meta.url), 'utf8'));
    assert.ok(parsed.ok);
    const notebook = await runAllHeadless(parsed.notebook);
    const bytes = Buffer.byteLength(serializeStressnb(notebook));
    console.log(`      session6 after Run All: ${(bytes / 1024).toFixed(0)} KB on disk`);
    assert.ok(bytes <= SESSION6_SAVED_LIMIT_BYTES, `session6 after Run All is ${(bytes / 1024).toFixed(0)} KB`);

    const runs = notebook.cells.filter((c) => c.kind === 'scenario' && !hasSweep(c.source) && !hasSearch(c.source));
    assert.equal(runs.length, 4);
    for (const cell of runs) {
      const items = cell.outputs!.flatMap((o) => o.items);
      const charts = items.filter((i) => i.mime === CHARTS_MIME);
      assert.equal(charts.length, 1, 'one charts item');
      assert.equal(readChartsPayload(charts[0].data).version, RUN_CHARTS_VERSION, 'the charts as figures');
      const transcript = items.find((i) => i.mime === TRANSCRIPT_MIME);
      assert.ok(transcript, 'the whole transcript is saved');
      assert.ok(
        (transcript.data as { lines: string[] }).lines.filter((l) => / partition=\d /.test(l)).length > 100,
        'every per-partition line',
      );
    }
  });
});
