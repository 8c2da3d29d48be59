// `stressnb run` on command and log-file cells (src/cli/runCommand -> src/sources/runSourceForCli),
// and ending every running source at once (extension deactivation).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runSpec } from '../../src/cli/runCommand';
import type { RunEvent } from '../../src/format/runEvents';
import { parseScenarioSpec } from '../../src/spec/parseScenarioSpec';
import type { ScenarioSpec } from '../../src/spec/scenarioSpec';
import { CommandSource } from '../../src/sources/commandSource';
import { liveSourceCount, stopAllSources } from '../../src/sources/liveSources';
import { runSourceForCli } from '../../src/sources/runSourceForCli';
import { Recorder, SOURCE_FIXTURES, isGone, nodeFixture, waitFor } from './helpers/sourceTestHelpers';
import { tempFiles } from './helpers/tempFiles';

const opts = { timeout: 30_000 };
after(() => stopAllSources());

/** The text each spec was read from: a source without a config line gets a header of the keys it writes. */
const specTexts = new WeakMap<ScenarioSpec, string>();
const temp = tempFiles('stressnb-sources-cli-');

function spec(yaml: string): ScenarioSpec {
  const { spec, problems } = parseScenarioSpec(yaml);
  assert.ok(spec, JSON.stringify(problems));
  specTexts.set(spec, yaml);
  return spec;
}

const yamlList = (items: string[]) => `[${items.map((a) => JSON.stringify(a)).join(', ')}]`;

function commandCell(script: string, ...args: string[]): ScenarioSpec {
  const { command, args: all } = nodeFixture(script, ...args);
  return spec(`scenario: steady\npartitions: 4\nsource: command\ncommand: ${JSON.stringify(command)}\nargs: ${yamlList(all)}\n`);
}

async function runCell(cell: ScenarioSpec, baseDir = SOURCE_FIXTURES) {
  const events: RunEvent[] = [];
  let notes = '';
  const result = await runSpec(cell, {
    baseDir,
    specText: specTexts.get(cell),
    onEvents: async (batch) => void events.push(...batch),
    onNote: (text) => void (notes += text),
  });
  return { result, events, notes };
}

describe('stressnb run with a source', { concurrency: 4 }, () => {
  test('a command cell runs and yields its events', opts, async () => {
    const { result, events } = await runCell(commandCell('tickPrinter.mjs', '--ticks=3', '--tick-ms=10'));
    assert.deepEqual(result, { ok: true });
    assert.equal(events.filter((e) => e.type === 'tick').length, 3);
    assert.equal(events[0].type === 'config' && events[0].config.scenario, 'fixture');
  });

  test(
    "a command cell that prints no config line gets the keys the cell writes as its header, never the engine's defaults",
    opts,
    async () => {
      const { events } = await runCell(commandCell('tickPrinter.mjs', '--ticks=1', '--tick-ms=10', '--no-config'));
      assert.deepEqual(events[0], { type: 'config', config: { partitions: 4, scenario: 'steady' } });
      // The same from the notebook's source: only the cell's scenario when it writes nothing else.
      temp.file(
        'headerless.log',
        readFileSync(join(SOURCE_FIXTURES, '..', 'samples', 'disruptor-steady.log'), 'utf8').replace(/^config .*\n/, ''),
      );
      const { events: read } = await runCell(spec('source: file\npath: headerless.log\n'), temp.dir);
      assert.deepEqual(read[0], { type: 'config', config: { scenario: 'custom' } });
    },
  );

  test('a crashing command fails the run with its exit status; its stderr goes to the notes', opts, async () => {
    const { result, events, notes } = await runCell(commandCell('crashHalfway.mjs', '--ticks=4', '--tick-ms=10'));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /exited with status 3/);
    assert.match(notes, /IllegalStateException: ring buffer corrupted/);
    assert.equal(events.filter((e) => e.type === 'tick').length, 2);
  });

  test('a file cell resolves its path against the base folder', opts, async () => {
    const cell = spec('scenario: steady\nsource: file\npath: disruptor-steady.log\n');
    const { result, events } = await runCell(cell, join(SOURCE_FIXTURES, '..', 'samples'));
    assert.deepEqual(result, { ok: true });
    assert.ok(events.filter((e) => e.type === 'tick').length > 10);
    const missing = await runCell(cell, SOURCE_FIXTURES);
    assert.match(!missing.result.ok ? missing.result.message : '', /cannot read log file .*disruptor-steady\.log: no such file/);
  });
});

// Process-wide: these end every source of this process, so they run alone, one after the other.
describe('stopping everything', () => {
  test('SIGINT stops the command and fails the run as interrupted', opts, async () => {
    let ticks = 0;
    const run = runSourceForCli(
      { kind: 'command', ...nodeFixture('stubbornTree.mjs'), env: {} },
      { baseDir: SOURCE_FIXTURES, fallbackConfig: {}, onEvents: async (b) => void (ticks += b.filter((e) => e.type === 'tick').length) },
    );
    await waitFor(() => ticks > 0);
    process.emit('SIGINT', 'SIGINT');
    const outcome = await run;
    assert.equal(outcome.ok, false);
    assert.equal(outcome.result.status, 'stopped');
    assert.match(!outcome.ok ? outcome.message : '', /interrupted by SIGINT/);
    assert.equal(process.listenerCount('SIGINT'), 0);
  });

  test('stopAllSources() ends every running command source and its whole tree', opts, async () => {
    const runs = [new Recorder(), new Recorder()].map((recorder) => {
      const source = new CommandSource(nodeFixture('stubbornTree.mjs'));
      source.start(recorder);
      return { source, recorder };
    });
    await waitFor(() => runs.every((r) => r.recorder.pids().size === 3));
    assert.equal(liveSourceCount(), 2);
    await stopAllSources();
    assert.equal(liveSourceCount(), 0);
    for (const { source, recorder } of runs) {
      assert.equal((await source.result).status, 'stopped');
      for (const [role, pid] of recorder.pids()) assert.ok(isGone(pid), `${role} ${pid} still runs`);
    }
  });
});
