import { describe, expect, it } from 'vitest';
import { describeDraftChange, readCloudDraft, timelineLine, timelineView, type Draft } from '../../src/wire/index.js';

// The one wording of a timeline, by table. Drafts are written the loose way the cloud might send
// them and read through the client's lenient reader, as the studio reads them.
const draft = (value: unknown): Draft => readCloudDraft(value) as Draft;

const brief = draft({
  t: [
    { tt: 0, sg: [{ id: 'v', src: 'm1', s: 0, d: 10_000, m: { name: 'city timelapse' } }] },
    { tt: 1, sg: [{ id: 'a', src: 'm2', s: 0, d: 95_000, m: { name: 'Lo-fi', volume: 0.35 } }] },
    { tt: 7, sg: [{ id: 't', s: 0, d: 3_000, m: { text: 'Urban Dreams' } }] },
  ],
});

describe('timelineLine', () => {
  it.each<[string, Draft | undefined, Record<string, { name?: string; durationSec?: number }>, string]>([
    ['the brief’s example: music under the video, as long as it', brief, {}, '1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s) — Output: ≤ 1080p · H.264 · keep audio · high quality'],
    ['an empty draft', draft({ t: [] }), {}, 'empty'],
    ['no draft', undefined, {}, 'empty'],
    ['a trim: the window in the source, and the output says it', draft({ t: [{ tt: 0, sg: [{ src: 'm1', s: 12_000, d: 10_000 }] }] }), { m1: { name: 'city.mp4', durationSec: 60 } }, '1. Video: city.mp4 (12-22s) — Output: ≤ 1080p · 12 s to 22 s · H.264 · keep audio · high quality'],
    ['a batch, each its own file (not joined), each with its own goal', draft({ t: [{ tt: 0, sg: [{ src: 'm1', d: 1500 }, { src: 'm2', d: 2000, m: { goal: { resolution: 720 } } }] }] }), { m1: { name: 'a.mp4' }, m2: { name: 'b.mov' } }, '1. Video: a.mp4 (0-1.5s) 2. Video: b.mov (0-2s) → ≤ 720p · H.264 · keep audio · high quality — Output: ≤ 1080p · H.264 · keep audio · high quality'],
    ['a batch where each has its own goal: no shared output line', draft({ t: [{ tt: 0, sg: [{ src: 'm1', d: 1000, m: { goal: { targetBytes: 8e6 } } }, { src: 'm2', d: 1000, m: { goal: { resolution: 720 } } }] }] }), { m1: { name: 'a.mp4' }, m2: { name: 'b.mov' } }, '1. Video: a.mp4 (0-1s) → ≤ 8 MB · ≤ 1080p · H.264 · keep audio · high quality 2. Video: b.mov (0-1s) → ≤ 720p · H.264 · keep audio · high quality'],
    ['settings said before any video', draft({ t: [], m: { targetBytes: 1e6 } }), {}, 'empty — Output: ≤ 1 MB · ≤ 1080p · H.264 · keep audio · high quality'],
    ['the original sound muted: said by the output, not beside it', draft({ t: [{ tt: 0, sg: [{ d: 2000, m: { name: 'a.mp4' } }] }, { tt: 1, sg: [], m: { mute: true } }], m: { audio: 'keep' } }), {}, '1. Video: a.mp4 (0-2s) — Output: ≤ 1080p · H.264 · no audio · high quality'],
  ])('%s', (_name, value, sources, expected) => {
    expect(timelineLine(value, sources)).toBe(expected);
  });
});

describe('timelineLine in Chinese', () => {
  it.each<[string, Draft | undefined, Record<string, { name?: string; durationSec?: number }>, string]>([
    ['the brief’s example', brief, {}, '1. 视频：city timelapse (0-10s) 2. 背景音乐：Lo-fi (0-10s, 35%) 3. 标题：“Urban Dreams” (0-3s) — 输出：≤ 1080p · H.264 · 保留声音 · 高质量'],
    ['an empty draft', draft({ t: [] }), {}, '空'],
    ['a batch, each with its own goal', draft({ t: [{ tt: 0, sg: [{ src: 'm1', d: 1500 }, { src: 'm2', d: 2000, m: { goal: { resolution: 720 } } }] }] }), { m1: { name: 'a.mp4' }, m2: { name: 'b.mov' } }, '1. 视频：a.mp4 (0-1.5s) 2. 视频：b.mov (0-2s) → ≤ 720p · H.264 · 保留声音 · 高质量 — 输出：≤ 1080p · H.264 · 保留声音 · 高质量'],
    ['settings said before any video', draft({ t: [], m: { targetBytes: 1e6 } }), {}, '空 — 输出：≤ 1 MB · ≤ 1080p · H.264 · 保留声音 · 高质量'],
  ])('%s', (_name, value, sources, expected) => {
    expect(timelineLine(value, sources, 'zh')).toBe(expected);
  });
});

describe('readCloudDraft', () => {
  it('drops what it cannot use and repairs what it can, keeping keys it does not know', () => {
    const read = readCloudDraft({
      t: [{ tt: 0, sg: [{ src: 'm1', s: -5, d: 'long', m: { name: 7, goal: { resolution: 720, fancy: true } }, extra: 'x' }] }, { tt: 42, sg: [] }, { tt: 7 }],
      m: { targetBytes: 'ten', resolution: 480 },
      cloudOnly: 1,
    });
    expect(read).toEqual({ t: [{ tt: 0, sg: [{ src: 'm1', s: 0, d: 0, m: { goal: { resolution: 720, fancy: true } }, extra: 'x' }], m: {} }], m: { resolution: 480 }, d: 0, cloudOnly: 1 });
    expect(readCloudDraft({ tracks: [] })).toBeUndefined();
  });
});

describe('describeDraftChange', () => {
  const withoutMusic = draft({ t: [brief.t[0], brief.t[2]] });
  it.each<[string, Draft | undefined, Draft | undefined, RegExp]>([
    ['an added track', withoutMusic, brief, /^Added: BGM: Lo-fi \(0-10s, 35%\)\.$/],
    ['a removed track', brief, withoutMusic, /^Removed: BGM: Lo-fi/],
    ['new output settings', brief, { ...brief, m: { targetBytes: 8_000_000, resolution: 720 } }, /^Output: .*8 MB.*720p/],
    ['nothing', brief, brief, /^Nothing changed in the timeline\.$/],
    ['a first draft', undefined, withoutMusic, /^Added: Video: city timelapse \(0-10s\), Title: "Urban Dreams" \(0-3s\)\. Output: ≤ 1080p · H\.264 · keep audio · high quality\.$/],
  ])('%s', (_name, before, after, pattern) => {
    expect(describeDraftChange(before, after)).toMatch(pattern);
  });
});
