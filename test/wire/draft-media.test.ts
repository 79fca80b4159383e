import { describe, expect, it } from 'vitest';
import { draftMedia, repointMedia, TrackType, type Draft } from '../../src/wire/index.js';

// A retry on a node that lost the session uploads the draft's files again and points the draft at
// the new ids: which files, by the names the segments give them, and nothing else changed.

const draft: Draft = {
  t: [
    { tt: TrackType.video, sg: [{ src: 'a', s: 0, d: 4000, m: { name: 'a.mp4' } }, { src: 'a', s: 5000, d: 1000, m: {} }, { src: 'b', s: 1000, d: 2000, m: { name: 'b.mp4' } }], m: {} },
    { tt: TrackType.audio, sg: [{ src: 'music', s: 0, d: 6000, m: { volume: 0.5 } }], m: { mute: true } },
    { tt: TrackType.text, sg: [{ s: 0, d: 3000, m: { text: 'Hi' } }], m: {} },
  ],
  d: 6000,
  m: { targetBytes: 1_000_000 },
};

describe('draftMedia', () => {
  it('lists each media id once, in order, with the name a segment gives it', () => {
    expect(draftMedia(draft)).toEqual([{ src: 'a', name: 'a.mp4' }, { src: 'b', name: 'b.mp4' }, { src: 'music' }]);
  });

  it('finds the name on a later segment of the same media', () => {
    const named = { ...draft, t: [{ tt: TrackType.video, sg: [{ src: 'a', s: 0, d: 1000, m: {} }, { src: 'a', s: 1000, d: 1000, m: { name: 'a.mp4' } }], m: {} }] } as Draft;
    expect(draftMedia(named)).toEqual([{ src: 'a', name: 'a.mp4' }]);
  });

  it('is empty for a draft of titles alone', () => {
    expect(draftMedia({ ...draft, t: [draft.t[2]] })).toEqual([]);
  });
});

describe('repointMedia', () => {
  it('replaces the ids it is given everywhere and keeps the rest of the draft', () => {
    const moved = repointMedia(draft, new Map([['a', 'A'], ['music', 'M']]));
    expect(moved.t.map((track) => track.sg.map((segment) => segment.src))).toEqual([['A', 'A', 'b'], ['M'], [undefined]]);
    expect(moved.t[0].sg[0].m).toEqual({ name: 'a.mp4' });
    expect({ ...moved, t: [] }).toEqual({ ...draft, t: [] });
    expect(draft.t[0].sg[0].src).toBe('a'); // the recorded draft is not changed
  });
});
