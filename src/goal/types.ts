/**
 * What the user asked for, in one shape shared by the parser, the planner, the render node and
 * the UI. Every field is optional: an empty Goal means "compress this video" (high quality, 1080p cap).
 */
export type Goal = {
  /** Hard cap on the output size in bytes (1 MB = 1,000,000 bytes; 1 MiB = 1,048,576). */
  targetBytes?: number;
  /** A cap as a fraction of the input's size ("half the size" → 0.5), until a file is known. */
  relativeSize?: number;
  /** Default 'high'. */
  quality?: Quality;
  /** The "p" number, a cap on the short side: 1080 → at most 1920x1080 or 1080x1920. */
  resolution?: number;
  /** Default 'h264'. */
  codec?: Codec;
  /** Default 'mp4'. */
  container?: Container;
  /** A cap: never raises the source's rate. */
  fps?: number;
  /** Default 'keep'. */
  audio?: 'keep' | 'mute' | { bitrateKbps: number };
  /** The source's subtitle tracks: kept where the container can hold them (the default), or none. */
  subtitles?: 'keep' | 'none';
  /**
   * The part to keep, in seconds. A negative bound counts back from the end, so a trim can be said
   * before the duration is known: "last 30 seconds" is `{ startSec: -30 }`, "cut the last 5 s" is
   * `{ startSec: 0, endSec: -5 }`. No endSec: to the end.
   */
  trim?: { startSec: number; endSec?: number };
  /** Crop or pad to this shape. */
  aspect?: Aspect;
  /** Encoder effort. */
  speed?: Speed;
  /** Set when a platform preset supplied the values ('discord', 'whatsapp', ...). */
  platform?: string;
};

// The allowed values as lists, so the wire's schemas check exactly what the types say.
export const QUALITIES = ['visually-lossless', 'high', 'balanced', 'small'] as const;
export const CODECS = ['h264', 'h265', 'av1'] as const;
export const CONTAINERS = ['mp4', 'webm', 'mov', 'mkv'] as const;
export const ASPECTS = ['16:9', '9:16', '1:1', '4:5'] as const;
export const SPEEDS = ['fast', 'balanced', 'best'] as const;

/** The ranges a Goal's numbers may take: what the parser understands and the render node accepts. */
export const GOAL_LIMITS = {
  resolution: { min: 144, max: 4320 },
  fps: { min: 1, max: 240 },
  audioKbps: { min: 8, max: 512 },
  /** Whole bytes, up to 10 TB (too small for a video is the planner's sentence to say, not a malformed goal). */
  targetBytes: { min: 1, max: 10 ** 13 },
  /** A trim bound, in seconds either way (a week). */
  trimSec: { max: 7 * 24 * 3600 },
} as const;

export type Quality = (typeof QUALITIES)[number];
export type Codec = (typeof CODECS)[number];
export type Container = (typeof CONTAINERS)[number];
export type Aspect = (typeof ASPECTS)[number];
export type Speed = (typeof SPEEDS)[number];

/** What a piece of user text asks for, before anything is sent anywhere. */
export type Intent = 'compress' | 'export' | 'credits' | 'status' | 'upload' | 'help' | 'unknown';
