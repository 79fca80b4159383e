import type { Aspect } from '../goal/types.js';

/** Short sides tried from the top down when the budget cannot carry the full picture. */
export const SHORT_SIDE_LADDER: readonly number[] = [2160, 1440, 1080, 720, 540, 480, 360, 240, 144];

/**
 * Bits per pixel per frame H.264 needs for a clean 1080p picture; below it a smaller frame looks
 * better than a smeared big one. Other codecs scale this by their efficiency.
 */
export const CLEAN_BPP_1080P_H264 = 0.045;

/**
 * Small frames need more bits per pixel than big ones for the same look (each pixel carries more
 * of the picture): the need grows as pixels^-0.25, as streaming bitrate ladders do.
 */
export function cleanBpp(frame: { width: number; height: number }, bppAt1080p: number): number {
  return bppAt1080p * ((1920 * 1080) / (frame.width * frame.height)) ** 0.25;
}

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

/**
 * The biggest frame the budget carries cleanly: from the capped size down the ladder, at the
 * source rate, or at half a rate above 30 fps (motion suffers less from 30 fps than detail does
 * from half the pixels). When nothing is clean, the smallest size on the ladder at ≤ 30 fps.
 */
export function chooseFrame(options: { width: number; height: number; capShortSide: number; fps: number; videoKbps: number; bppAt1080p: number }): Frame {
  const { width, height, fps, videoKbps, bppAt1080p } = options;
  const top = fitShortSide(width, height, options.capShortSide);
  const topShort = Math.min(top.width, top.height);
  const sizes = [top, ...SHORT_SIDE_LADDER.filter((s) => s < topShort).map((s) => fitShortSide(width, height, s))];
  // Divide, not clamp, so motion keeps an even cadence (59.94 → 29.97, 50 → 25, 120 → 30).
  const rates = fps > 30 ? [fps, fps / Math.ceil(fps / 30)] : [fps];
  for (const size of sizes) {
    for (const rate of rates) {
      const frame = { ...size, fps: rate };
      if (bitsPerPixel(videoKbps, frame) >= cleanBpp(frame, bppAt1080p)) return frame;
    }
  }
  return { ...sizes[sizes.length - 1], fps: rates[rates.length - 1] };
}
