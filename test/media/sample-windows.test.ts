import { describe, expect, it } from 'vitest';
import { bucketActivity, busiestWindow, chooseSamples, clipRateShare, middleSample } from '../../src/media/sample-windows.js';

describe('sample windows (table)', () => {
  it.each([
    ['a short clip is measured whole', 0, 2, { starts: [0], sampleSec: 2 }],
    ['two windows in a 5 s clip, mid-segment without activity', 0, 5, { starts: [1, 3.5], sampleSec: 0.5 }],
    ['a trimmed start shifts them; 10 s has three', 10, 10, { starts: [10 + 4 / 3, 10 + 14 / 3, 10 + 8], sampleSec: 2 / 3 }],
    ['a minute: four 1.5 s windows', 0, 60, { starts: [6.75, 21.75, 36.75, 51.75], sampleSec: 1.5 }],
  ])('%s', (_label, start, duration, expected) => {
    const got = chooseSamples(start, duration);
    expect(got.sampleSec).toBeCloseTo(expected.sampleSec, 6);
    expect(got.starts.length).toBe(expected.starts.length);
    got.starts.forEach((s, i) => expect(s).toBeCloseTo(expected.starts[i], 6));
  });

  it('puts each window on the busiest part of its segment', () => {
    // 10 s at 10 packets a second; a burst of big packets at 7–8 s.
    const activity = Array.from({ length: 100 }, (_, i) => ({ timeSec: i / 10, bytes: i >= 70 && i < 80 ? 5000 : 100 }));
    const { starts, sampleSec } = chooseSamples(0, 10, activity);
    expect(starts.length).toBe(3);
    expect(starts[2]).toBeGreaterThanOrEqual(7 - sampleSec);
    expect(starts[2]).toBeLessThanOrEqual(7.01);
    expect(busiestWindow(activity, 0, 2, 1)).toBe(0);
    expect(busiestWindow([], 0, 2, 1)).toBeUndefined();
  });

  it.each([
    // 10 s at 100 B per 0.1 s, with 3 s of 1000 B: samples on the burst cost 10× the quiet rest.
    ['samples on a burst: the clip costs less than they do', burst(3), { starts: [0], sampleSec: 1 }, 0, 10, 0.37],
    ['samples on quiet parts of a busy clip: capped at 1.5×', burst(3), { starts: [8], sampleSec: 1 }, 0, 10, 1.5],
    ['a steady clip: 1', burst(0), { starts: [2, 6], sampleSec: 1 }, 0, 10, 1],
    ['a clip mostly still: at least 0.2', burst(1, 1e6), { starts: [0], sampleSec: 1 }, 0, 10, 0.2],
    ['a trimmed range counts only its own bytes', burst(3), { starts: [5], sampleSec: 1 }, 4, 4, 1],
    ['no packets: 1', [], { starts: [0], sampleSec: 1 }, 0, 10, 1],
  ])('clip rate share: %s', (_label, activity, samples, start, duration, share) => {
    expect(clipRateShare(activity, samples, start, duration)).toBeCloseTo(share, 2);
  });

  it('buckets ffprobe packet lines and skips the ones without a time', () => {
    expect(bucketActivity('0.000,100\n0.040,50\nN/A,70\n0.210,30\n', 0.1)).toEqual([
      { timeSec: 0, bytes: 150 },
      { timeSec: 0.2, bytes: 30 },
    ]);
  });

  it('the frame trial ranks on one middle sample', () => {
    expect(middleSample(0, 1)).toEqual({ starts: [0], sampleSec: 1 });
    expect(middleSample(2, 10)).toEqual({ starts: [6.25], sampleSec: 1.5 });
  });
});

/** 10 s of 0.1 s buckets of 100 B, the first `seconds` of them `bytes` each. */
function burst(seconds: number, bytes = 1000): { timeSec: number; bytes: number }[] {
  return Array.from({ length: 100 }, (_, i) => ({ timeSec: i / 10, bytes: i < seconds * 10 ? bytes : 100 }));
}
