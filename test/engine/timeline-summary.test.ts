import { describe, expect, it } from 'vitest';
import type { Draft } from '../../src/engine/draft.js';
import { describeDraftChange, summarizeTimeline } from '../../src/engine/timeline-summary.js';

const brief: Draft = {
  t: [
    { tt: 0, sg: [{ id: 'v', src: 'm1', s: 0, d: 10_000, m: { name: 'city timelapse' } }], m: {} },
    { tt: 1, sg: [{ id: 'a', src: 'm2', s: 0, d: 10_000, m: { name: 'Lo-fi' } }], m: { volume: 0.35 } },
    { tt: 7, sg: [{ id: 't', s: 0, d: 3_000, m: { text: 'Urban Dreams' } }], m: {} },
  ],
  d: 10_000,
};

describe('summarizeTimeline', () => {
  it.each<[string, Draft | undefined, Record<string, string>, string]>([
    ['the brief’s example', brief, {}, '1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)'],
    ['an empty draft', { t: [] }, {}, 'The timeline is empty.'],
    ['no draft', undefined, {}, 'The timeline is empty.'],
    ['videos of a batch, each its own file (not joined), named from the uploads', { t: [{ tt: 0, sg: [{ src: 'm1', d: 1500 }, { src: 'm2', d: 2000 }] }] }, { m1: 'a.mp4', m2: 'b.mov' }, '1. Video: a.mp4 (0-1.5s) 2. Video: b.mov (0-2s)'],
    ['a video with its own goal', { t: [{ tt: 0, sg: [{ src: 'm1', d: 1000 }, { src: 'm2', d: 2000, m: { goal: { resolution: 720 } } }] }] }, { m1: 'a.mp4', m2: 'b.mov' }, '1. Video: a.mp4 (0-1s) 2. Video: b.mov (0-2s) → 720p · H.264 · keep audio · high quality'],
    ['original sound muted under music', { t: [{ tt: 1, sg: [{ d: 4000, m: { volume: 0.35 } }], m: { mute: true } }] }, {}, '1. Original sound: muted 2. BGM: audio (0-4s, 35%)'],
    ['original sound muted, no music', { t: [{ tt: 0, sg: [{ d: 2000, m: { name: 'a.mp4' } }], m: {} }, { tt: 1, sg: [], m: { mute: true } }] }, {}, '1. Video: a.mp4 (0-2s) 2. Original sound: muted'],
    ['a muted music segment', { t: [{ tt: 1, sg: [{ d: 4000, m: { mute: true } }], m: {} }] }, {}, '1. BGM: audio (0-4s, muted)'],
  ])('%s', (_name, draft, names, expected) => {
    expect(summarizeTimeline(draft, names)).toBe(expected);
  });
});

describe('describeDraftChange', () => {
  const withoutMusic: Draft = { ...brief, t: [brief.t[0], brief.t[2]] };
  it.each<[string, Draft | undefined, Draft | undefined, RegExp]>([
    ['an added track', withoutMusic, brief, /^Added: BGM: Lo-fi \(0-10s, 35%\)\.$/],
    ['a removed track', brief, withoutMusic, /^Removed: BGM: Lo-fi/],
    ['new output settings', brief, { ...brief, m: { targetBytes: 8_000_000, resolution: 720 } }, /^Output: .*8 MB.*720p/],
    ['nothing', brief, brief, /^Nothing changed in the timeline\.$/],
    ['a first draft', undefined, withoutMusic, /^Added: Video: city timelapse \(0-10s\), Title: "Urban Dreams" \(0-3s\)\.$/],
  ])('%s', (_name, before, after, pattern) => {
    expect(describeDraftChange(before, after)).toMatch(pattern);
  });
});
