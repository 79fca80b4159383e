import type { Aspect } from '../goal/types.js';
import { MIN_FPS } from './target-budget.js';

/** Short sides tried from the top down when the budget cannot carry the full picture. */
export const SHORT_SIDE_LADDER: readonly number[] = [2160, 1440, 1080, 720, 540, 480, 360, 240, 144];

/**
 * Bits per pixel per frame below which H.264 does better on a smaller frame. Measured: two-pass
 * x264 (medium) on the dev clips at 8 % and 2 % of their size, each short side from the source's
 * down to 144, SSIM against the source at the source's size. The best size sat at 0.02–0.05 bpp
 * on every clip (GoPro, flower, runners, Seattle pan, low-light concert), with no clear trend by
 * resolution, so one number. Other codecs scale it by their efficiency.
 */
export const CLEAN_BPP_H264 = 0.02;

/**
 * Halving the frame rate saves about a third of the bits, not half (the frames left differ more),
 * so a lower rate must clear a higher bar before it is preferred to the full one.
 */
const FEWER_FRAMES_PENALTY = 1.5;

/** The rate a starved picture is cut to before it loses pixels: motion suffers less from 30 fps than detail from half the pixels. */
const FULL_MOTION_FPS = 30;

/** A frame size and rate. */
export type Frame = { width: number; height: number; fps: number };

const ASPECTS: Record<Aspect, number> = { '16:9': 16 / 9, '9:16': 9 / 16, '1:1': 1, '4:5': 4 / 5 };

/** Rounds to the nearest even number, at least 2 (4:2:0 video needs even sizes). */
export function even(n: number): number {
  return Math.max(2, Math.round(n / 2) * 2);
}

/** The part of a width x height picture that a centred crop to `aspect` keeps (even sizes). */
export function cropToAspect(width: number, height: number, aspect: Aspect | undefined): { width: number; height: number } {
  if (!aspect) return { width, height };
  const want = ASPECTS[aspect];
  if (Math.abs(width / height - want) / want < 0.01) return { width, height };
  return width / height > want ? { width: even(Math.min(width, height * want)), height } : { width, height: even(Math.min(height, width / want)) };
}

/** The size with `shortSide` as its shorter side and the same shape; never larger than given. */
export function fitShortSide(width: number, height: number, shortSide: number): { width: number; height: number } {
  const short = Math.min(width, height);
  if (shortSide >= short) return { width: even(width), height: even(height) };
  const scale = shortSide / short;
  return width <= height ? { width: even(shortSide), height: even(height * scale) } : { width: even(width * scale), height: even(shortSide) };
}

/** Bits per pixel per frame a video bitrate gives this frame. */
export function bitsPerPixel(videoKbps: number, frame: Frame): number {
  return (videoKbps * 1000) / (frame.width * frame.height * frame.fps);
}

/** A whole fraction of `fps` at or under `cap` (59.94 → 29.97 for 30, 50 → 25): motion keeps an even cadence. */
export function rateUnder(fps: number, cap: number): number {
  return fps <= cap ? fps : fps / Math.ceil(fps / cap);
}

/**
 * The biggest frame the budget carries cleanly: from the capped size down the ladder, at the
 * source rate or at ≤ 30 fps (motion suffers less from 30 fps than detail does from half the
 * pixels). When even the smallest size is starved, fewer frames: ≤ 15, 10, 5, 2, then 1 fps (a slideshow).
 */
export function chooseFrame(options: { width: number; height: number; capShortSide: number; fps: number; videoKbps: number; cleanBpp: number }): Frame {
  const { width, height, fps, videoKbps, cleanBpp } = options;
  const top = fitShortSide(width, height, options.capShortSide);
  const topShort = Math.min(top.width, top.height);
  const sizes = [top, ...SHORT_SIDE_LADDER.filter((s) => s < topShort).map((s) => fitShortSide(width, height, s))];
  const clean = (frame: Frame) => bitsPerPixel(videoKbps, frame) >= cleanBpp * (frame.fps < fps ? FEWER_FRAMES_PENALTY : 1);
  for (const size of sizes) {
    for (const rate of new Set([fps, rateUnder(fps, FULL_MOTION_FPS)])) {
      if (clean({ ...size, fps: rate })) return { ...size, fps: rate };
    }
  }
  const smallest = sizes[sizes.length - 1];
  const slower = [15, 10, 5, 2].map((cap) => ({ ...smallest, fps: rateUnder(fps, cap) }));
  return slower.find(clean) ?? { ...smallest, fps: rateUnder(fps, MIN_FPS) };
}

/**
 * The least video a budget must leave for a picture that still moves: the clean bits per pixel at
 * the bottom of the ladder (144p, or the capped size when smaller), at up to 30 fps. Under it
 * `chooseFrame` has no smaller frame left and turns the video into a slideshow.
 */
export function watchablePicture(options: { width: number; height: number; capShortSide: number; fps: number; cleanBpp: number }): { frame: Frame; kbps: number } {
  const { width, height, fps, cleanBpp } = options;
  const frame = { ...fitShortSide(width, height, Math.min(options.capShortSide, SHORT_SIDE_LADDER[SHORT_SIDE_LADDER.length - 1])), fps: rateUnder(fps, FULL_MOTION_FPS) };
  // The same bar chooseFrame sets, fewer frames' penalty included, so this much is sure to keep the frame.
  const bpp = cleanBpp * (frame.fps < fps ? FEWER_FRAMES_PENALTY : 1);
  return { frame, kbps: (bpp * frame.width * frame.height * frame.fps) / 1000 };
}
