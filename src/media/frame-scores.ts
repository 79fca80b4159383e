import os from 'node:os';
import { readFile } from 'node:fs/promises';
import { filterValue } from './encode-args.js';
import type { ProgressSpan } from './progress-span.js';
import { vmafFrameSize, type QualityMeter } from './quality-meter.js';
import { runFfmpeg } from './run-ffmpeg.js';
import type { EncodeProgress } from './types.js';

/** Per-frame scores of one comparison: VMAF (0..100) or SSIM (ffmpeg's "All", 0..1). */
export type FrameScores = { metric: 'vmaf' | 'ssim'; frames: number[] };

/**
 * The two sides of a comparison: ffmpeg input arguments (`['-i', file]`, with any `-ss`/`-t`) and
 * the filters that bring each to the compared frame (the same size and rate on both sides). The
 * scored frames are picked after `distortedFilter` and `referenceRate` (which decide which frames
 * there are) and before `distortedFrameFilter` and `referenceFilter` (which change each frame
 * alone: crop, scale, tone-map), so the costly per-frame work is done on the picked frames only.
 */
export type ScoreInputs = {
  distorted: string[];
  distortedFilter?: string;
  /** What changes each distorted frame alone (a scale back to the compared size), run on the scored frames only. */
  distortedFrameFilter?: string;
  reference: string[];
  referenceRate?: string;
  referenceFilter?: string;
  /** The compared frame's size (after the filters): VMAF scores a frame bigger than its model's display at that display's size (vmafFrameSize). */
  size?: { width: number; height: number };
  /** The reference holds the scored frames alone, already picked (by the encode: PickedFrames). */
  referencePicked?: boolean;
};

export type ScoreOptions = {
  meter: QualityMeter;
  /** Score every Nth frame (1: all). Decoding still reads every frame; the rest is done on the picked ones (framePick). */
  subsample: number;
  /** Where ffmpeg writes the per-frame log (a file in the caller's private folder). */
  logFile: string;
  signal?: AbortSignal;
  /** Frames each side holds (for progress: the compared frames are stamped by number, not time). */
  frameCount: number;
  span: ProgressSpan;
  /** What the progress ticks say is happening; default 'sample'. */
  phase?: EncodeProgress['phase'];
};

/**
 * Scores the distorted video against the reference frame by frame, with the meter's metric.
 * Frames are paired by their order, not their times: Matroska keeps milliseconds, so a 29.97 fps
 * encode's times round differently from its reference's and the metric paired every few frames
 * with a neighbour (SSIM 0.97 where the frames agreed to 0.994).
 */
export async function scoreFrames(inputs: ScoreInputs, options: ScoreOptions): Promise<FrameScores> {
  const { meter } = options;
  const pick = framePick(meter.metric, options.subsample);
  const select = pick.select && `select=${pick.select}`;
  const shown = meter.metric === 'vmaf' && inputs.size ? vmafFrameSize(inputs.size.width, inputs.size.height) : undefined;
  const fit = shown && `scale=${shown.width}:${shown.height}:flags=bicubic`;
  const side = (...filters: (string | undefined)[]) => [...filters, 'settb=AVTB,setpts=N', 'format=yuv420p'].filter(Boolean).join(',');
  const log = filterValue(options.logFile);
  // Every core: a check runs alone, after the encode it checks.
  const threads = os.availableParallelism();
  const metric =
    meter.metric === 'vmaf'
      ? `libvmaf=${meter.filterOption}:n_subsample=${pick.nSubsample}:n_threads=${threads}:log_fmt=json:log_path=${log}`
      : `ssim=stats_file=${log}`;
  const graph = `[0:v]${side(inputs.distortedFilter, select, inputs.distortedFrameFilter, fit)}[d];[1:v]${side(inputs.referenceRate, inputs.referencePicked ? undefined : select, inputs.referenceFilter, fit)}[r];[d][r]${metric}`;
  await runFfmpeg([...inputs.distorted, ...inputs.reference, '-lavfi', graph, '-an', '-f', 'null', '-'], {
    tools: meter.tools,
    signal: options.signal,
    frames: comparedFrames(meter.metric, options.subsample, options.frameCount),
    onProgress: options.span.ffmpeg(options.phase ?? 'sample'),
  });
  const text = await readFile(options.logFile, 'utf8');
  return { metric: meter.metric, frames: meter.metric === 'vmaf' ? parseVmafLog(text) : parseSsimStats(text) };
}

/**
 * Which frames reach the metric when every `every`th is scored: a select expression (frame
 * numbers counted where the select sits, so both sides count the same frames) and libvmaf's
 * n_subsample over what is left. SSIM compares frame with frame, so only the scored ones are
 * kept. VMAF's motion feature of frame i is min(motion(i-1, i), motion(i, i+1)) on the reference,
 * so each scored frame keeps its two neighbours: frames 0, 1, then every-1, every, every+1, … in
 * which the scored ones are the 0th, 3rd, 6th…, and n_subsample 3 scores exactly those, each with
 * its true neighbours (the same scores as libvmaf given every frame). Under 4 the neighbours are
 * every frame, so nothing is dropped and n_subsample does it all.
 */
export function framePick(metric: FrameScores['metric'], every: number): { select?: string; nSubsample: number } {
  const { select, nSubsample } = pickRule(metric, every);
  return { ...(select === undefined ? {} : { select }), nSubsample };
}

/** How many of `frameCount` frames reach the metric (what its progress counts to). */
export function comparedFrames(metric: FrameScores['metric'], every: number, frameCount: number): number {
  const { keeps } = pickRule(metric, every);
  let count = 0;
  for (let n = 0; n < frameCount; n++) if (keeps(n)) count++;
  return count;
}

// The pick as ffmpeg's select expression and as the same rule in JavaScript, side by side.
function pickRule(metric: FrameScores['metric'], every: number): { select?: string; nSubsample: number; keeps: (n: number) => boolean } {
  const all = () => true;
  if (every <= 1) return { nSubsample: 1, keeps: all };
  if (metric === 'ssim') return { select: `not(mod(n\\,${every}))`, nSubsample: 1, keeps: (n) => n % every === 0 };
  if (every <= 3) return { nSubsample: every, keeps: all };
  return { select: `lt(mod(n+1\\,${every})\\,3)`, nSubsample: 3, keeps: (n) => (n + 1) % every < 3 };
}

/** The per-frame VMAF of libvmaf's JSON log (`frames[].metrics.vmaf`, in libvmaf 1 and 2 alike). */
export function parseVmafLog(text: string): number[] {
  const log = JSON.parse(text) as { frames?: { metrics?: { vmaf?: number } }[] };
  return (log.frames ?? []).map((frame) => frame.metrics?.vmaf).filter((v): v is number => typeof v === 'number');
}

/** The per-frame "All" values of an ssim stats file (lines like `n:1 Y:0.99 U:0.98 V:0.98 All:0.987 (19.1)`). */
export function parseSsimStats(text: string): number[] {
  return text
    .split('\n')
    .map((line) => /All:([\d.]+)/.exec(line)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

/** A comparison pooled: the mean, and the 5th percentile so that one bad scene cannot hide in it. */
export type PooledScore = { mean: number; low: number };

/** Pools per-frame scores (nearest-rank 5th percentile); an empty list pools to zero. */
export function poolScores(frames: readonly number[]): PooledScore {
  if (frames.length === 0) return { mean: 0, low: 0 };
  const sorted = [...frames].sort((a, b) => a - b);
  const low = sorted[Math.max(0, Math.ceil(0.05 * sorted.length) - 1)];
  return { mean: sorted.reduce((a, b) => a + b, 0) / sorted.length, low };
}

/**
 * How many frames to skip between scored ones. Scoring a frame costs about what encoding it did, so
 * at most every `maxEvery`th frame is scored, yet never fewer than six of a short clip, and a long
 * clip stops at about 120 (decoding, which every frame still costs, then dominates).
 */
export function subsampleFor(frameCount: number, maxEvery: number): number {
  return Math.max(Math.floor(frameCount / 120), Math.min(maxEvery, Math.floor(frameCount / 6)), 1);
}

/** The fewest frames an output check scores (every frame of a shorter clip); it scores under twice as many. */
export const CHECK_FRAMES = 80;

/**
 * How many frames to skip between scored ones when checking a whole output: a fixed budget of
 * 80 to 159 frames spread evenly over the clip, however long it is. Measured against scoring every
 * frame (bundled libvmaf 1, whose n_subsample scores are exact per frame, so the gap is sampling
 * alone): with 80 the mean sat +0.39 (Big Buck Bunny, 720 frames), +0.17 (GoPro, 362) and -0.02
 * (Tears of Steel, 1691) away; with 60 Tears of Steel's fast cuts put it -1.19 away. Evenly spread
 * single frames beat short runs of frames for the same count: runs sample fewer scenes (30 runs of
 * 3 sat 2.8 high there). framePick hands VMAF each scored frame's two neighbours, so the scores
 * are the very ones scoring every frame gives at those frames, while the source's crop, scale and
 * tone-map run on about 3 frames in every `checkSubsample`, not all. Re-measured with the pick,
 * dev clips encoded "under 25%" (p5: the 5th percentile; a clip under 160 frames is scored whole):
 *
 * | clip | frames | scored | mean: check / every frame | p5: check / every frame |
 * |---|---|---|---|---|
 * | Big Buck Bunny 720p24 → 256x144 | 720 | 80 | 76.83 / 76.61 (+0.22) | 69.98 / 69.81 (+0.17) |
 * | Tears of Steel 332p24 → 346x144 | 1691 | 81 | 40.97 / 41.07 (-0.10) | 25.33 / 24.62 (+0.71) |
 * | concert 1080p50 | 100 | 100 | 75.14 / 75.14 | 68.47 / 68.47 |
 * | graffiti 1080p60 | 77 | 77 | 89.31 / 89.31 | 86.61 / 86.61 |
 * | HLG phone 1080x1920 (tone-mapped) | 77 | 77 | 99.08 / 99.08 | 97.00 / 97.00 |
 *
 * Fewer frames on the short ones would not be safe: every 4th of the HLG clip put its p5 4.1 low,
 * every 10th of the concert put its mean 1.3 high.
 */
export function checkSubsample(frameCount: number, budget = CHECK_FRAMES): number {
  return Math.max(1, Math.floor(frameCount / budget));
}

/**
 * The frames a check scores when its number only goes into the report (a size goal's output: nothing
 * is re-encoded on it). Measured on dev clips encoded "under 25 %" against every frame scored
 * (mean / 5th percentile, and the check's time against the encode's, 2 cores):
 *
 * | clip | frames | every frame | 80 frames | 24 frames | check / encode at 80 → 24 |
 * |---|---|---|---|---|---|
 * | flower 540p30 | 151 | 87.89 / 85.94 | 87.89 / 85.94 | 87.87 / 85.94 | 130 % → 39 % |
 * | GoPro 480p30 | 362 | 88.16 / 85.97 | 88.06 / 84.98 | 88.58 / 86.31 | 44 % → 21 % |
 * | Seattle 360p30 | 496 | 92.50 / 87.08 | 92.17 / 87.32 | 92.84 / 86.25 | 35 % → 18 % |
 * | Big Buck Bunny → 256x144 | 720 | 76.61 / 69.81 | 76.83 / 69.98 | 77.28 / 70.71 | 48 % → 35 % |
 * | Tears of Steel → 346x144 | 1693 | 41.07 / 24.62 | 40.97 / 25.33 | 41.03 / 21.94 | 21 % → 17 % |
 * | concert 1080p50 | 100 | 75.14 / 68.47 | 75.14 / 68.47 | 75.02 / 68.11 | 195 % → 60 % |
 *
 * The mean stays within 0.7 of every frame's, at a third to a half of the cost; what is left is
 * decoding every frame of both files.
 */
export const REPORT_FRAMES = 24;
