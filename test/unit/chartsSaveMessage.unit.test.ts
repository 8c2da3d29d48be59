import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readSaveChartRequest, SAVE_CHART_REQUEST } from '../../src/contracts/chartSaveMessage';

const request = (over: Record<string, unknown>) => ({
  type: SAVE_CHART_REQUEST,
  requestId: 'r1',
  fileName: 'stressnb-completed.svg',
  format: 'svg',
  data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
  ...over,
});

describe('save chart messages', () => {
  test('other messages are not save requests', () => {
    for (const message of [undefined, null, 'save', { type: 'other' }, [SAVE_CHART_REQUEST]]) {
      assert.equal(readSaveChartRequest(message), undefined);
    }
  });

  test('an SVG request gives the SVG text as UTF-8 bytes', () => {
    const svg = '<svg><text>é</text></svg>';
    const save = readSaveChartRequest(request({ data: svg }));
    assert.equal(Buffer.from(save!.bytes).toString('utf8'), svg);
    assert.equal(save!.request.fileName, 'stressnb-completed.svg');
  });

  test('a PNG request gives the decoded bytes of its data URL', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255]);
    const save = readSaveChartRequest(
      request({ format: 'png', fileName: 'stressnb-completed.png', data: `data:image/png;base64,${png.toString('base64')}` }),
    );
    assert.deepEqual(Buffer.from(save!.bytes), png);
  });

  test('a malformed request is refused with a message saying what is wrong', () => {
    assert.throws(() => readSaveChartRequest(request({ requestId: '' })), /no requestId/);
    assert.throws(() => readSaveChartRequest(request({ format: 'gif' })), /format "gif", expected "svg" or "png"/);
    assert.throws(() => readSaveChartRequest(request({ fileName: '../../etc/passwd' })), /unusable file name/);
    assert.throws(() => readSaveChartRequest(request({ data: '<html>' })), /does not start with <svg/);
    assert.throws(() => readSaveChartRequest(request({ format: 'png', data: 'data:text/plain,x' })), /not a data:image\/png;base64, URL/);
  });
});
