import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pictureFilters, videoCodecArgs } from './encode-args.js';
import { progressSpan, type ProgressSpan } from './progress-span.js';
import { scoreFrames, subsampleFor } from './frame-scores.js';
import { middleSample } from './sample-windows.js';
import { SSIM_METER } from './quality-meter.js';
import { localFile, runFfmpeg } from './run-ffmpeg.js';
import type { EncodePlan, MediaInfo } from './types.js';
import { bitsPerPixel, CLEAN_BPP_H264 } from './resolution-ladder.js';
import { CODECS } from './codec-table.js';
import { scratchFolder } from './scratch.js';

/** A frame size and rate to try. */
type Candidate = { width: number; height: number; fps: number };

/**
 * Trial encodes at a fast preset: they only rank two frame sizes against each other at one
 * bitrate, which a fast preset does as the final one would (checked on the dev clips), in far less time.
 */
const TRIAL_PRESET = 'superfast';

/**
 * At most every this many frames of the sample are scored when only the size differs: neighbouring
 * frames rank two sizes alike, and the scale back to the full frame and SSIM are the trial's
 * costliest step at 1080p.
 */
const TRIAL_EVERY = 2;

/** Below this planned rate (frames a second) the planned frame is kept without a trial. */
const MIN_TRIAL_FPS = 5;

/** How much bigger than the planned frame's sample the full frame's may come out and still be compared. */
const FAIR_OVERSHOOT = 1.15;

/**
 * SSIM by which the smaller frame must win: one superfast sample is a noisy judge, and within
 * this the full frame keeps detail a downscale cannot bring back. VMAF, which weighs detail loss,
 * agreed where it was checked: the signer at 25 % scored 88.8 at 640x480 against 87.1 at 480x360.
 */
const FULL_FRAME_EDGE = 0.002;

/**
 * Share of the clean bits per pixel (CLEAN_BPP_H264) under which the full frame cannot win the
 * trial. On the dev clips the full frame won at 0.127 of it (the GNOME screencast at 25 %), 0.17
 * (the CCTV clip at 2 %) and 0.30 (a still screencast-like test clip), and lost at 0.014–0.061
 * (Big Buck Bunny at 25, 8 and 2 %, the screencast at 8 and 2 %) and 0.31 (Tears of Steel at
 * 25 %): detail that stays put wins even far under the bar, so only half the lowest winner's share
 * settles it without a trial.
 */
export const TRIAL_FLOOR = 0.0625;

/**
 * Whether a frame trial could change the plan: the planner shrank the frame or dropped frames
 * (else there is nothing to try), for libx264 at a rate of at least MIN_TRIAL_FPS, and the budget
 * gives the full frame at least TRIAL_FLOOR of the clean bits per pixel (under it the full frame
 * always lost: the planned one is kept without spending seconds to find that out).
 */
export function trialCanChange(plan: EncodePlan): boolean {
  const full = plan.fullFrame;
  if (plan.mode !== 'bitrate' || !full || plan.encoder !== 'libx264' || plan.videoKbps === undefined) return false;
  // A slideshow's sample holds a handful of frames: the encoder's rate control has no time to
  // settle, so the comparison would be between its first guesses.
  if ((plan.fps ?? full.fps) < MIN_TRIAL_FPS) return false;
  return bitsPerPixel(plan.videoKbps, full) >= TRIAL_FLOOR * CLEAN_BPP_H264 * CODECS[plan.codec].efficiency;
}

/**
 * The frame the planner picked from bits per pixel is a calibrated average: a screencast or a still
 * shot stays sharp at full size on far fewer bits, busy footage is better smaller. When the planner
 * shrank the frame (or dropped frames), encode a few seconds of samples at the planned bitrate at
 * both sizes, scale each back to the full frame, and keep the one with the higher SSIM. Only for
 * libx264 (hardware encoders and the other codecs keep the planned frame), and only where the
 * outcome is open (trialCanChange). Returns the plan, changed or not; unchanged, it says nothing.
 */
export async function tryFullFrame(plan: EncodePlan, info: MediaInfo, options: { signal?: AbortSignal; span?: ProgressSpan; scratchDir?: string } = {}): Promise<EncodePlan> {
  const full = plan.fullFrame;
  if (!full || !trialCanChange(plan)) return plan;
  const { signal } = options;
  const span = options.span ?? progressSpan(undefined);
  const planned: Candidate = { width: plan.width, height: plan.height, fps: plan.fps ?? full.fps };
  const candidates = [planned, full];
  const workDir = await scratchFolder('frames', options.scratchDir);
  try {
    // One sample from the middle is enough to rank two sizes, and keeps the trial cheap.
    const { starts, sampleSec } = middleSample(plan.trim?.startSec ?? 0, plan.durationSec);
    const sample = ['-ss', starts[0].toFixed(3), '-t', sampleSec.toFixed(3), '-i', localFile(info.path)];
    // The full frame as the encode would see it (crop, squared pixels, tone-map): both candidates start from it.
    const picture = pictureFilters({ ...plan, width: full.width, height: full.height, fps: undefined }, info).join(',') || 'null';
    const encoded = candidates.map((_, i) => path.join(workDir, `frame${i}.mkv`));
    const codec = videoCodecArgs({ ...plan, preset: TRIAL_PRESET }, { kind: 'single' });
    // One decode (and tone-map) of the sample feeds both encodes, from time zero (the fps filter counts from there).
    const shrink = candidates.map((candidate, i) => `[c${i}]${[...toRate(candidate.fps, full.fps), ...toSize(candidate, full)].join(',') || 'null'}[e${i}]`);
    const outputs = encoded.flatMap((file, i) => ['-map', `[e${i}]`, ...codec, '-pix_fmt', 'yuv420p', '-an', file]);
    await runFfmpeg(['-y', ...sample, '-filter_complex', `[0:v:0]${picture},setpts=PTS-STARTPTS,split=2[c0][c1];${shrink.join(';')}`, ...outputs], {
      signal,
      durationSec: sampleSec,
      onProgress: span.slice(0, 0.5).ffmpeg('sample'),
    });
    const frameCount = Math.round(sampleSec * full.fps);
    // A candidate at a lower rate comes back as repeated frames: every other frame of a halved rate
    // would pick its kept frames alone and hide what dropping the others cost, so all are scored.
    const rateDrops = planned.fps < full.fps - 0.01;
    const score = async (candidate: Candidate, index: number, slice: ProgressSpan): Promise<{ ssim: number; bytes: number }> => {
      const back = {
        distortedFilter: toRate(full.fps, candidate.fps).join(',') || undefined,
        distortedFrameFilter: toSize(full, candidate).join(',') || undefined,
      };
      const { frames } = await scoreFrames(
        { distorted: ['-i', localFile(encoded[index])], ...back, reference: sample, referenceFilter: picture },
        { meter: SSIM_METER, subsample: rateDrops ? 1 : subsampleFor(frameCount, TRIAL_EVERY), logFile: path.join(workDir, `ssim${index}.log`), signal, frameCount, span: slice },
      );
      return { ssim: frames.length === 0 ? 0 : frames.reduce((a, b) => a + b, 0) / frames.length, bytes: (await stat(encoded[index])).size };
    };
    const { ssim: plannedSsim, bytes: plannedBytes } = await score(planned, 0, span.slice(0.5, 0.75));
    const { ssim: fullSsim, bytes: fullBytes } = await score(full, 1, span.slice(0.75, 1));
    // A full frame that spent more than the planned one bought its SSIM with bits the final encode will not have.
    if (fullSsim < plannedSsim - FULL_FRAME_EDGE || fullBytes > plannedBytes * FAIR_OVERSHOOT) return plan;
    const sourceRate = full.fps === (info.video?.avgFps ?? full.fps);
    return {
      ...plan,
      width: full.width,
      height: full.height,
      fps: sourceRate ? undefined : full.fps,
      notes: [
        ...plan.notes,
        { code: 'full-frame-kept', ...full, ssim: fullSsim, plannedSsim, plannedWidth: planned.width, plannedHeight: planned.height },
      ],
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The fps filter that takes frames at `from` a second to `to` (none when they agree). */
function toRate(to: number, from: number): string[] {
  return to < from - 0.01 || to > from + 0.01 ? [`fps=${Number(to.toFixed(3))}`] : [];
}

/** The scale that takes a frame of `from`'s size to `to`'s (none when they agree). */
function toSize(to: { width: number; height: number }, from: { width: number; height: number }): string[] {
  return to.width !== from.width || to.height !== from.height ? [`scale=${to.width}:${to.height}:flags=bicubic`] : [];
}
