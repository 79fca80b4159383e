import { describe, expect, it } from 'vitest';
import { guiActions, keyboardWording } from '../../src/engine/gui-phrases.js';

describe('guiActions', () => {
  it.each([
    ['Done! Click Export to download your video.', [{ kind: 'export' }]],
    ['完成了，点击导出即可。', [{ kind: 'export' }]],
    ['You can preview in timeline before exporting.', [{ kind: 'timeline' }]],
    ['Open the project panel to see the settings.', [{ kind: 'state' }]],
    ['Drag the clip to 0:05 on the timeline.', [{ kind: 'edit', instruction: 'Drag the clip to 0:05 on the timeline.' }]],
    ['Preview in timeline. Then click the Export button.', [{ kind: 'timeline' }, { kind: 'export' }]],
    ['I compressed it to 8 MB at 720p.', []],
    ['The export will be an MP4.', []],
  ])('%s', (reply, expected) => {
    expect(guiActions(reply)).toEqual(expected);
  });
});

describe('keyboardWording', () => {
  it.each([
    ['Click Export when you are ready.', undefined, 'Say export when you are ready.'],
    ['Click Export when you are ready.', 'Ctrl+E', 'Say export or press Ctrl+E when you are ready.'],
    ['Done! click the Export button to download.', undefined, 'Done! say export to download.'],
    ['好了，点击导出即可。', 'Ctrl+E', '好了，输入“导出”或按 Ctrl+E即可。'],
    ['Nothing to click here.', undefined, 'Nothing to click here.'],
  ])('%s (key %s) → %s', (reply, key, words) => expect(keyboardWording(reply, key)).toBe(words));
});
