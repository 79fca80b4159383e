import type { Codec, Quality, Speed } from '../goal/types.js';

/** How the media core drives one output codec. Edit here to retune; nothing else hard-codes these. */
export type CodecProfile = {
  /** Software encoder used unless a working hardware one is offered (H.264 only). */
  encoder: string;
  /** Encoder preset per Goal speed (libaom takes a -cpu-used number instead of a name). */
  presets: Record<Speed, string>;
  /**
   * Encoder tuning for size targets (two-pass). x264's "ssim" tuning turns psychovisual RD off:
   * on the dev clips at 25 % of their size it scored +0.2 to +1.6 VMAF with the same or fewer
   * bytes, and its second pass overshoots short 1080p clips less (two-pass at one bitrate: the
   * 1080p60 graffiti 13 % over → 2 %, the 1080p50 concert 17 % → 9 %; each miss is another pass).
   */
  targetTune?: string;
  /** Bits per pixel per frame this codec needs for a clean picture, relative to H.264. */
  efficiency: number;
  /** CRF the quality search starts from (and uses as-is when it cannot measure); near the SSIM bars on the dev clips. */
  startCrf: Record<Quality, number>;
  /** CRF the VMAF search tries first: near VMAF 95/93/90/86 at the balanced preset on the dev clips. */
  vmafStartCrf: Record<Quality, number>;
  /** Highest CRF the search may try, so a bad measurement cannot produce mush. */
  crfRange: [number, number];
  /** The finest CRF the encoder takes: x264 and x265 take fractions, the AV1 encoders whole numbers. */
  crfStep: number;
};

export const CODECS: Record<Codec, CodecProfile> = {
  h264: {
    encoder: 'libx264',
    presets: { fast: 'veryfast', balanced: 'medium', best: 'slow' },
    targetTune: 'ssim',
    efficiency: 1,
    startCrf: { 'visually-lossless': 16, high: 19, balanced: 22, small: 25 },
    vmafStartCrf: { 'visually-lossless': 22, high: 24, balanced: 26, small: 28 },
    crfRange: [12, 32],
    crfStep: 0.5,
  },
  h265: {
    encoder: 'libx265',
    presets: { fast: 'veryfast', balanced: 'medium', best: 'slow' },
    efficiency: 0.7,
    startCrf: { 'visually-lossless': 18, high: 21, balanced: 24, small: 27 },
    vmafStartCrf: { 'visually-lossless': 24, high: 26, balanced: 28, small: 30 },
    crfRange: [16, 34],
    crfStep: 0.5,
  },
  av1: {
    encoder: 'libaom-av1',
    // cpu-used: the 2018 libaom this ffmpeg carries takes ~15 s per second of 240p at 6, so 8.
    presets: { fast: '8', balanced: '8', best: '6' },
    efficiency: 0.6,
    startCrf: { 'visually-lossless': 22, high: 28, balanced: 32, small: 38 },
    vmafStartCrf: { 'visually-lossless': 30, high: 34, balanced: 38, small: 42 },
    crfRange: [18, 50],
    crfStep: 1,
  },
};

/** The encoders that are hardware H.264 (single pass, no x264 presets). */
export const HARDWARE_H264_ENCODERS: readonly string[] = ['h264_nvenc', 'h264_qsv', 'h264_videotoolbox', 'h264_vaapi'];

/**
 * SVT-AV1 takes AV1 (WebM) over libaom when the ffmpeg has it (Debian's 5.1 does, the bundled 2018
 * build does not): several times faster at the same CRF scale. Presets 0-13, higher is faster.
 */
export const SVT_AV1 = { encoder: 'libsvtav1', presets: { fast: '10', balanced: '8', best: '6' } as Record<Speed, string> } as const;

/** Encoders that run a size target in one pass: hardware ones, and SVT-AV1, whose ffmpeg 5.x wrapper has no two-pass (VBR; the size check re-encodes on a miss). */
export const SINGLE_PASS_ENCODERS: readonly string[] = [...HARDWARE_H264_ENCODERS, SVT_AV1.encoder];
