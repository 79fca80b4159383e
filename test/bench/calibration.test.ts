import { describe, expect, it } from 'vitest';
import { sampleSpan } from '../../bench/calibrate.js';
import { calibrationTable, calibrationVerdict, clipThresholds, type CalibrationPoint } from '../../bench/calibration.js';

const point = (clip: string, crf: number, ssim: number, vmaf: number): CalibrationPoint => ({ clip, crf, ssim, vmaf });

const points = [
  // a crosses 95 halfway between CRF 20 (SSIM 0.99, VMAF 96) and CRF 24 (SSIM 0.98, VMAF 94).
  point('a', 20, 0.99, 96),
  point('a', 24, 0.98, 94),
  point('a', 28, 0.97, 90),
  // b is at the bar everywhere.
  point('b', 20, 0.995, 98),
  point('b', 24, 0.99, 97),
  // c never gets there.
  point('c', 20, 0.97, 90),
];

describe('clipThresholds', () => {
  it('interpolates the crossing, and says when every or no encode cleared the bar', () => {
    const [a, b, c] = clipThresholds(points);
    expect(a.kind).toBe('crossing');
    expect(a.ssim).toBeCloseTo(0.985, 6);
    expect(b).toEqual({ clip: 'b', kind: 'lowest', ssim: 0.99 });
    expect(c).toEqual({ clip: 'c', kind: 'never', ssim: 0.97 });
  });
});

describe('calibrationVerdict', () => {
  it('takes the largest crossing and lists what a candidate threshold would wrongly accept', () => {
    const verdict = calibrationVerdict(points, 0.98);
    expect(verdict.threshold).toBe(0.985);
    expect(verdict.unreachable).toEqual(['c']);
    expect(verdict.misses).toEqual([point('a', 24, 0.98, 94)]);
  });

  it('has no threshold without data', () => {
    expect(calibrationVerdict([], 0.985).threshold).toBeUndefined();
  });
});

describe('calibrationTable', () => {
  it('puts SSIM / VMAF per CRF and the per-clip threshold in one row per clip', () => {
    const rows = calibrationTable(points).split('\n');
    expect(rows[0]).toMatch(/\| clip \| +CRF 20 \| +CRF 24 \| +CRF 28 \| +SSIM for VMAF 95 \|/);
    expect(rows[2]).toContain('0.9900 / 96.0');
    expect(rows[2]).toContain('0.9850');
    expect(rows[3]).toContain('≤ 0.9900');
    expect(rows[4]).toMatch(/never \(best 0.9700\) \|$/);
  });
});

describe('sampleSpan', () => {
  it.each([
    [2, 30, { startSec: 0, durationSec: 2 }],
    [70, 40, { startSec: 34.25, durationSec: 1.5 }],
    [70, 10, { startSec: 33.7, durationSec: 2.5 }],
    [0.9, 60, { startSec: 0, durationSec: 0.9 }],
    [10, 60, { startSec: 4.5, durationSec: 1 }],
    // 13 s at 29.97 fps: the middle (5.499 s) falls between frames; it starts at frame 164 instead.
    [13, 30000 / 1001, { startSec: 5.472133, durationSec: 2.002 }],
  ])('a %d s clip at %d fps gives %j', (durationSec, fps, expected) => {
    expect(sampleSpan(durationSec, fps)).toEqual(expected);
  });
});
