import type { Quality } from '../goal/types.js';
import { poolScores, type FrameScores } from './frame-scores.js';

/**
 * What each quality asks of the output in VMAF 0.6.1: the mean over frames, and the 5th percentile,
 * so that one bad scene cannot hide in a good average (Av1an's lesson). 95 is "no visible loss";
 * the low floor sits below the mean by about the spread of ordinary footage, so it binds only where
 * a scene really falls apart.
 */
export const VMAF_BARS: Record<Quality, { mean: number; low: number }> = {
  'visually-lossless': { mean: 95, low: 88 },
  high: { mean: 93, low: 85 },
  balanced: { mean: 90, low: 81 },
  small: { mean: 86, low: 76 },
};

/**
 * The SSIM (ffmpeg's "All", 0..1) the worst sample must reach where no ffmpeg has libvmaf; edit here
 * to retune. 'visually-lossless' is calibrated against VMAF (bench/RESULTS.md, "SSIM threshold
 * calibration"): SSIM ≥ 0.9939 put every dev clip at VMAF ≥ 95, while 0.985 let 12 encodes through
 * under 95. The others step down from it: 'high' ≈ VMAF 93–95 there, 'small' ≈ 88–92.
 */
export const SSIM_THRESHOLDS: Record<Quality, number> = {
  'visually-lossless': 0.994,
  high: 0.99,
  balanced: 0.98,
  small: 0.97,
};

/**
 * A score pooled, and its distance to the bar in VMAF points (SSIM in thousandths, where one CRF
 * step moves either by about one): ≥ 0 passes.
 */
export type Measured = { metric: 'vmaf' | 'ssim'; mean: number; low: number; headroom: number };

/** Samples stand for a whole clip: asking this little more of them keeps the output over the bar. */
export const SAMPLE_MARGIN = 0.3;

/**
 * Pools `scores` and measures them against `quality`'s bar. SSIM keeps its calibration: the worst
 * of `chunks` equal runs of frames (one per sample) is what must reach the threshold.
 */
export function headroom(scores: FrameScores, quality: Quality, chunks: number, margin = SAMPLE_MARGIN): Measured {
  const pooled = poolScores(scores.frames);
  if (scores.metric === 'ssim') {
    return { metric: 'ssim', ...pooled, headroom: (worstChunkMean(scores.frames, chunks) - SSIM_THRESHOLDS[quality]) * 1000 - margin };
  }
  const bar = VMAF_BARS[quality];
  return { metric: 'vmaf', ...pooled, headroom: Math.min(pooled.mean - bar.mean - margin, pooled.low - bar.low) };
}

/** The lowest of the means of `chunks` equal runs of frames: the worst sample's score. */
export function worstChunkMean(values: number[], chunks: number): number {
  if (values.length === 0) return 0;
  const size = Math.max(1, Math.floor(values.length / chunks));
  let worst = Infinity;
  for (let i = 0; i < values.length; i += size) {
    const chunk = values.slice(i, i + size);
    if (chunk.length < size / 2) break; // a stub of leftover frames is not a sample
    worst = Math.min(worst, chunk.reduce((a, b) => a + b, 0) / chunk.length);
  }
  return worst;
}

/** Headroom lost per CRF step before two tries measure it: about one VMAF point near 95. */
const GUESSED_SLOPE = 1;
/** The furthest one try jumps from the last: a wild first measurement cannot reach mush. */
const MAX_JUMP = 8;

/**
 * The least slope a pair of tries is taken to measure: far over the bar VMAF barely moves per CRF
 * (a screencast's samples lost 0.05 a step from 22 to 23, then fell steeply past 28), so stepping
 * by the guess crawled one CRF a try. A flat pair is believed up to this, and MAX_JUMP bounds the leap.
 */
const MIN_SLOPE = 0.25;

/**
 * Headroom lost per CRF step near the bar: on the line from the highest pass to the fail above it
 * when the tries bracket the bar, else from the two tries nearest it; the guess when they disagree
 * with physics. Two passes far over the bar measure the curve's flat top: Tears of Steel's samples
 * lost 0.28 a step from CRF 22 to 26 and 1.84 from 26 to 32, and its re-encode, stepping by the
 * flat slope, fell 7 CRF (to VMAF 99) where 2 kept the bar.
 */
export function slopeOf(probes: readonly (Measured & { crf: number })[]): number {
  const { pass, fail } = bracket(probes);
  const near = pass && fail ? [pass, fail] : [...probes].sort((a, b) => Math.abs(a.headroom) - Math.abs(b.headroom)).slice(0, 2);
  if (near.length < 2 || near[0].crf === near[1].crf) return GUESSED_SLOPE;
  const slope = (near[0].headroom - near[1].headroom) / (near[1].crf - near[0].crf);
  return slope > 0 ? Math.max(MIN_SLOPE, slope) : GUESSED_SLOPE;
}

/** x264 and its kin halve the bitrate about every 6 CRF steps. */
const CRF_STEPS_PER_HALVING = 6;

/**
 * Whether a size cap decides the encode rather than the bar: the CRF where this try's trend meets
 * the bar would still come out clearly (10 %) over `maxKbps`. Then searching on is wasted: the
 * brief's 4K master "under 42.4 MB without losing quality" spent 39 s finding what one try shows.
 */
export function capBinds(probe: Measured & { crf: number; videoKbps: number }, slope: number, maxKbps: number): boolean {
  const crfAtBar = probe.crf + probe.headroom / slope;
  return probe.videoKbps * 2 ** ((probe.crf - crfAtBar) / CRF_STEPS_PER_HALVING) > maxKbps * 1.1;
}

/**
 * The CRF to try next, or undefined when the tries already pin the answer (a pass next to a fail,
 * the end of the range, or a CRF already tried): between a pass and a fail, interpolated (rounded
 * toward the pass); otherwise a step sized by the distance to the bar.
 */
export function nextCrf(probes: readonly (Measured & { crf: number })[], lowest: number, highest: number): number | undefined {
  if (probes.length === 0) return undefined;
  const { pass, fail } = bracket(probes);
  let next: number;
  if (pass && fail) {
    // Two CRF apart or closer, the line between them places the answer (see crossing) as well as a try would.
    if (fail.crf - pass.crf <= 2) return undefined;
    next = Math.min(fail.crf - 1, Math.max(pass.crf + 1, Math.floor(barOnLine(pass, fail))));
  } else if (pass) {
    next = pass.crf + Math.min(MAX_JUMP, Math.max(1, Math.floor(pass.headroom / slopeOf(probes))));
  } else {
    const best = [...probes].sort((a, b) => a.crf - b.crf)[0];
    next = best.crf - Math.min(MAX_JUMP, Math.max(1, Math.ceil(-best.headroom / slopeOf(probes))));
  }
  next = Math.min(highest, Math.max(lowest, next));
  return probes.some((p) => p.crf === next) ? undefined : next;
}

/**
 * Where the bar falls between the highest passing try and the nearest failing one above it: on the
 * line between them, rounded down to `step` (x264 takes CRF in fractions), as a share `t` of the way
 * from the pass. VMAF falls ever faster as CRF rises, so the curve sits over that line and the point
 * errs toward quality. Undefined without such a pair, or when the point is the pass itself.
 */
export function crossing<P extends Measured & { crf: number }>(probes: readonly P[], step: number): { crf: number; t: number; pass: P; fail: P } | undefined {
  const { pass, fail } = bracket(probes);
  if (!pass || !fail) return undefined;
  const crf = Math.min(fail.crf - step, Math.floor(barOnLine(pass, fail) / step) * step);
  if (crf <= pass.crf) return undefined;
  return { crf, t: (crf - pass.crf) / (fail.crf - pass.crf), pass, fail };
}

/** The highest passing try, and the lowest failing one above it (any fail when nothing passed). */
function bracket<P extends Measured & { crf: number }>(probes: readonly P[]): { pass?: P; fail?: P } {
  const pass = probes.filter((p) => p.headroom >= 0).sort((a, b) => b.crf - a.crf)[0];
  const fail = probes.filter((p) => p.headroom < 0 && (!pass || p.crf > pass.crf)).sort((a, b) => a.crf - b.crf)[0];
  return { pass, fail };
}

/** The CRF where the line from a pass to a fail meets the bar (headroom 0). */
function barOnLine(pass: Measured & { crf: number }, fail: Measured & { crf: number }): number {
  return pass.crf + (pass.headroom * (fail.crf - pass.crf)) / (pass.headroom - fail.headroom);
}
