import { describe, expect, it } from 'vitest';
import { addSegment, applyGoal, emptyDraft, settleSharedGoal } from '../../src/server/draft.js';
import { isMuted, segmentsOf, TrackType, type Draft } from '../../src/wire/index.js';
import { renderItems } from '../../src/server/render-items.js';
import type { MediaRecord } from '../../src/server/sessions.js';

const media = (id: string, name: string, seconds: number): MediaRecord => ({
  mediaId: id,
  name,
  size: 1000,
  info: { container: 'mov,mp4', durationSec: seconds, sizeBytes: 1000, bitrate: 8000 },
});
const library = { m_a: media('m_a', 'a.mov', 10), m_b: media('m_b', 'b.mp4', 4) };
const twoVideos = (): Draft => {
  let draft = addSegment(emptyDraft(), TrackType.video, { src: 'm_a', s: 0, d: 10_000, m: { name: 'a.mov' } });
  draft = addSegment(draft, TrackType.video, { src: 'm_b', s: 0, d: 4000, m: { name: 'b.mp4' } });
  return draft;
};
const sourceMs = (src: string): number => library[src as keyof typeof library].info.durationSec * 1000;

describe('draft helpers', () => {
  it('adds segments and keeps the total duration', () => {
    const draft = twoVideos();
    expect(segmentsOf(draft, TrackType.video).map((segment) => segment.src)).toEqual(['m_a', 'm_b']);
    expect(draft.d).toBe(14_000);
  });

  it.each([
    [{ targetBytes: 25e6 }, { targetBytes: 25e6 }, false, [[0, 10_000], [0, 4000]]],
    [{ audio: 'mute' as const }, {}, true, [[0, 10_000], [0, 4000]]],
    [{ trim: { startSec: 2, endSec: 6 } }, {}, false, [[2000, 4000], [2000, 2000]]],
    [{ trim: { startSec: 5 } }, {}, false, [[5000, 5000], [0, 4000]]],
    [{ trim: { startSec: -3 } }, {}, false, [[7000, 3000], [1000, 3000]]],
    [{ trim: { startSec: 0, endSec: -1 } }, {}, false, [[0, 9000], [0, 3000]]],
    [{ audio: { bitrateKbps: 64 }, resolution: 720 }, { audio: { bitrateKbps: 64 }, resolution: 720 }, false, [[0, 10_000], [0, 4000]]],
  ])('applyGoal(%o) → m %o, muted %s, windows %o', (goal, m, muted, windows) => {
    const draft = applyGoal(twoVideos(), goal, sourceMs);
    expect(draft.m).toEqual(m);
    expect(isMuted(draft)).toBe(muted);
    expect(segmentsOf(draft, TrackType.video).map((segment) => [segment.s, segment.d])).toEqual(windows);
  });

  it('gives some videos their own goal (mute and trim included) and lets "all" win over it', () => {
    const [a, b] = segmentsOf(twoVideos(), TrackType.video);
    let draft = applyGoal({ ...twoVideos(), t: [{ tt: 0, sg: [a, b], m: {} }] }, { resolution: 720, audio: 'mute', trim: { startSec: 1 } }, sourceMs, { ids: new Set([b.id ?? '']) });
    expect(draft.m).toEqual({});
    expect(isMuted(draft)).toBe(false);
    expect(segmentsOf(draft, TrackType.video).map((segment) => [segment.m.goal, segment.s])).toEqual([[undefined, 0], [{ resolution: 720, audio: 'mute' }, 1000]]);
    draft = applyGoal(draft, { resolution: 480 }, sourceMs);
    expect(draft.m).toEqual({ resolution: 480 });
    expect(segmentsOf(draft, TrackType.video).map((segment) => segment.m.goal)).toEqual([undefined, { audio: 'mute' }]);
  });

  it('settles the shared goal onto the videos there before more join, and keeps it for videos to come', () => {
    const settled = settleSharedGoal({ ...twoVideos(), m: { targetBytes: 1e6 } });
    expect(settled.m).toEqual({});
    expect(segmentsOf(settled, TrackType.video).map((segment) => segment.m.goal)).toEqual([{ targetBytes: 1e6 }, { targetBytes: 1e6 }]);
    const waiting = { ...emptyDraft(), m: { targetBytes: 1e6 } };
    expect(settleSharedGoal(waiting)).toBe(waiting);
  });

  it('never changes the draft it was given', () => {
    const draft = twoVideos();
    const copy = JSON.parse(JSON.stringify(draft));
    applyGoal(draft, { audio: 'mute', trim: { startSec: 1 }, targetBytes: 1 }, sourceMs);
    expect(draft).toEqual(copy);
  });
});

describe('renderItems', () => {
  it('makes one item per video segment, each with the top-level goal, its override, its trim and the mute', () => {
    let draft = applyGoal(twoVideos(), { targetBytes: 25e6, audio: 'mute' }, sourceMs);
    draft = { ...draft, t: draft.t.map((track) => (track.tt === 0 ? { ...track, sg: track.sg.map((segment, index) => (index === 1 ? { ...segment, s: 1000, d: 2000, m: { ...segment.m, goal: { targetBytes: 10e6 } } } : segment)) } : track)) };
    expect(renderItems(draft, library, 'mp4')).toEqual([
      { mediaId: 'm_a', name: 'a.mov', outputName: 'a.compressed.mp4', goal: { targetBytes: 25e6, audio: 'mute', container: 'mp4' } },
      { mediaId: 'm_b', name: 'b.mp4', outputName: 'b.compressed.mp4', goal: { targetBytes: 10e6, audio: 'mute', container: 'mp4', trim: { startSec: 1, endSec: 3 } } },
    ]);
  });

  it.each([
    ['an empty draft', emptyDraft()],
    ['a media id of another session', addSegment(emptyDraft(), 0, { src: 'm_zzz', s: 0, d: 1000, m: {} })],
    ['an inherited property name', addSegment(emptyDraft(), 0, { src: 'constructor', s: 0, d: 1000, m: {} })],
  ])('refuses %s', (_name, draft) => {
    expect(() => renderItems(draft, library)).toThrow(expect.objectContaining({ code: 400 }));
  });
});
