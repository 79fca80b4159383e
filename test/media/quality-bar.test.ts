import { describe, expect, it } from 'vitest';
import { capBinds, crossing, headroom, nextCrf, slopeOf, SSIM_THRESHOLDS, VMAF_BARS, worstChunkMean } from '../../src/media/quality-bar.js';

const tried = (crf: number, h: number) => ({ crf, metric: 'vmaf' as const, mean: 95 + h, low: 90, headroom: h });

describe('quality bars (table)', () => {
  it('a better quality never asks for less', () => {
    const order = ['visually-lossless', 'high', 'balanced', 'small'] as const;
    for (let i = 1; i < order.length; i++) {
      expect(VMAF_BARS[order[i - 1]].mean).toBeGreaterThan(VMAF_BARS[order[i]].mean);
      expect(VMAF_BARS[order[i - 1]].low).toBeGreaterThan(VMAF_BARS[order[i]].low);
      expect(SSIM_THRESHOLDS[order[i - 1]]).toBeGreaterThan(SSIM_THRESHOLDS[order[i]]);
    }
  });

  it.each([
    ['mean over the bar and the margin', [96, 96, 96, 96], 95.3, 0.7],
    ['mean under the bar', [94, 94, 94, 94], 95, -1],
    ['one bad frame in twenty pulls the 5th percentile under its floor', [...Array(19).fill(97), 80], 95, -8],
  ])('VMAF headroom: %s', (_label, frames, _bar, expected) => {
    const margin = _bar === 95 ? 0 : 0.3;
    expect(headroom({ metric: 'vmaf', frames }, 'visually-lossless', 1, margin).headroom).toBeCloseTo(expected, 6);
  });

  it('SSIM headroom is the worst sample against the calibrated threshold, in thousandths', () => {
    const frames = [0.999, 0.997, 0.99, 0.992];
    expect(worstChunkMean(frames, 2)).toBeCloseTo(0.991, 6);
    expect(headroom({ metric: 'ssim', frames }, 'high', 2, 0).headroom).toBeCloseTo(1, 6);
    expect(worstChunkMean([], 3)).toBe(0);
  });
});

describe('nextCrf: interpolated search (table)', () => {
  it.each([
    ['one pass far over the bar jumps up by the headroom', [tried(22, 3.4)], 25],
    ['one fail steps down by the deficit', [tried(22, -2.2)], 19],
    ['a jump is capped', [tried(20, 30)], 28],
    ['pass and fail: interpolated, rounded toward the pass', [tried(22, 2), tried(26, -2)], 24],
    ['pass next to a fail: done', [tried(24, 0.4), tried(25, -0.6)], undefined],
    ['pass two below a fail: the line places it, no try', [tried(24, 0.4), tried(26, -0.6)], undefined],
    ['two flat passes leap by what the least slope allows', [tried(22, 1.4), tried(23, 1.35)], 28],
    ['two passes: extrapolated with their slope', [tried(20, 6), tried(23, 3)], 26],
    ['the end of the range: done', [tried(32, 5)], undefined],
    ['already tried: done', [tried(22, 2), tried(24, -2), tried(23, -0.1)], undefined],
  ])('%s', (_label, probes, expected) => {
    expect(nextCrf(probes, 12, 32)).toBe(expected);
  });

  it.each([
    ['over the cap at the bar itself', { ...tried(22, 0), videoKbps: 1200 }, 1000, true],
    ['far over the bar: six CRF up halves it, under the cap', { ...tried(22, 6), videoKbps: 1800 }, 1000, false],
    ['short of the bar by six: twice the rate, over', { ...tried(22, -6), videoKbps: 600 }, 1000, true],
    ['within the 10 % an estimate may be off', { ...tried(22, 0), videoKbps: 1050 }, 1000, false],
  ])('capBinds: %s', (_label, probe, max, expected) => {
    expect(capBinds(probe, 1, max)).toBe(expected);
  });

  it('slopeOf falls back to one point per CRF when the tries disagree with physics', () => {
    expect(slopeOf([tried(20, 6), tried(23, 3)])).toBeCloseTo(1, 6);
    expect(slopeOf([tried(20, 2), tried(24, -2)])).toBeCloseTo(1, 6);
    expect(slopeOf([tried(20, 2), tried(22, 4)])).toBe(1);
    expect(slopeOf([tried(20, 4), tried(22, 1)])).toBeCloseTo(1.5, 6);
    expect(slopeOf([tried(22, 1.4), tried(23, 1.35)])).toBeCloseTo(0.25, 6);
  });

  it('slopeOf measures across the bar when a pass and a fail bracket it, not on the flat top far over it', () => {
    // Tears of Steel's samples: 22 and 26 are nearer the bar by headroom, but 26 → 32 is where it falls.
    expect(slopeOf([tried(22, 4.11), tried(26, 2.98), tried(32, -8.04)])).toBeCloseTo(11.02 / 6, 6);
    // The fail above the highest pass, not a stray one under it (measured on noisy samples).
    expect(slopeOf([tried(22, -0.5), tried(24, 1), tried(27, -5)])).toBeCloseTo(2, 6);
  });

  it.each([
    ['between a pass and the fail above it, rounded down to the step', [tried(24, 1), tried(28, -3)], 0.5, { crf: 25, t: 0.25 }],
    ['x264 takes half steps', [tried(24, 1.5), tried(26, -0.5)], 0.5, { crf: 25.5, t: 0.75 }],
    ['whole steps for AV1', [tried(24, 1.5), tried(26, -0.5)], 1, { crf: 25, t: 0.5 }],
    ['never the fail itself', [tried(24, 5), tried(25, -0.01)], 0.5, { crf: 24.5, t: 0.5 }],
    ['the pass itself: none', [tried(24, 0.1), tried(28, -3)], 0.5, undefined],
    ['a fail under the pass is no bracket', [tried(24, 1), tried(22, -1)], 0.5, undefined],
    ['nothing passed: none', [tried(24, -1), tried(20, -0.5)], 0.5, undefined],
  ])('crossing: %s', (_label, probes, step, expected) => {
    const got = crossing(probes, step);
    expect(got && { crf: got.crf, t: got.t }).toEqual(expected);
  });
});
