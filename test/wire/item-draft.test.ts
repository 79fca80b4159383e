import { describe, expect, it } from 'vitest';
import { itemDraft, TrackType, type Draft } from '../../src/wire/index.js';

describe('itemDraft', () => {
  const draft: Draft = {
    t: [
      { tt: TrackType.video, sg: [{ src: 'a', s: 0, d: 4000, m: { name: 'a.mp4' } }, { src: 'b', s: 1000, d: 2000, m: { name: 'b.mp4', goal: { resolution: 720 } } }], m: {} },
      { tt: TrackType.audio, sg: [{ src: 'music', s: 0, d: 6000, m: { volume: 0.5 } }], m: { mute: true } },
      { tt: TrackType.text, sg: [{ s: 0, d: 3000, m: { text: 'Hi' } }], m: {} },
    ],
    d: 6000,
    m: { targetBytes: 1_000_000 },
  };

  it('keeps one video item, with its window and goal, and the titles, music, mute and settings every item has', () => {
    expect(itemDraft(draft, 1)).toEqual({ ...draft, t: [{ ...draft.t[0], sg: [draft.t[0].sg[1]] }, draft.t[1], draft.t[2]], d: 2000 });
  });

  it('leaves a draft without that item as it is', () => {
    expect(itemDraft(draft, 5)).toBe(draft);
  });
});
