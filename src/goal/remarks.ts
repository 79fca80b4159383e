import type { Codec } from './types.js';

/** Edits people ask a video tool for that this one does not make (read in not-offered.ts). */
export type NotOffered = 'rotate' | 'flip' | 'speed' | 'colour' | 'subtitles' | 'volume' | 'stabilize' | 'denoise' | 'reverse' | 'upscale' | 'watermark' | 'undo';

/**
 * What the parser has to say about an instruction besides the Goal: a conflict, a guess it made, a
 * question about words it could not use. Data, not sentences: each is a code and the values its
 * wording needs, worded at the edge in the reply's language (remark-words.ts). `said` is the
 * user's own words, quoted back as they were written.
 */
export type Remark =
  /** Nothing to act on: what should be done with the video? */
  | { code: 'ask-what-to-do' }
  /** Two platforms named: the one said last (ids of the platform table) is fitted. */
  | { code: 'two-platforms'; first: string; last: string }
  /** One setting said twice with different values: the later wins. */
  | { code: 'said-twice'; first: string; last: string }
  /** A small size beside a demand for 4K or more and/or for visually lossless. */
  | { code: 'tight-size'; targetBytes: number; resolution?: number; lossless: boolean }
  | { code: 'size-and-fraction' }
  | { code: 'smallest-and-resolution'; resolution: number }
  | { code: 'webm-codec'; codec: Exclude<Codec, 'av1'> }
  /** The platform's length limit, with no trim asked for. */
  | { code: 'platform-length'; platform: string; limitSec: number }
  /** The node's own: the videos of the session longer than the platform takes (their names and lengths now). */
  | { code: 'platform-too-long'; platform: string; limitSec: number; longer: { name: string; lengthSec: number }[] }
  /** A number alone ("compress 100"): almost always a size without its unit. */
  | { code: 'bare-number'; word: string }
  /** The input's size was given but no target. */
  | { code: 'source-size'; bytes: number }
  | { code: 'percent-of-original'; said: string; percent: string }
  | { code: 'not-smaller'; said: string }
  | { code: 'which-resolution' }
  | { code: 'default-resolution-cap' }
  | { code: 'bad-resolution'; said: string }
  | { code: 'which-frame-rate' }
  | { code: 'bad-frame-rate'; said: string }
  | { code: 'lossless-as-visually' }
  | { code: 'bitrate-from-size' }
  | { code: 'audio-bitrate-read'; said: string }
  | { code: 'bad-audio-bitrate'; kbps: number }
  | { code: 'codec-not-offered'; codec: string }
  | { code: 'container-not-offered'; container: string }
  /** Encoder jargon ("crf 23", "bitrate"): chosen from the size or quality instead. */
  | { code: 'picked-myself'; said: string }
  | { code: 'hardware-by-itself' }
  | { code: 'hdr-tone-mapped' }
  /** A length of time no rule placed: what should it do? */
  | { code: 'stray-duration'; said: string }
  | { code: 'trim-reversed' }
  | { code: 'title-needs-text' }
  | { code: 'music-volume-range' }
  | { code: 'not-a-size'; said: string }
  | { code: 'bad-shape'; said: string }
  /** An edit this tool does not make (rotate, subtitles…): what it does instead. */
  | { code: 'edit-not-offered'; edit: NotOffered }
  /** "over 100MB": a size can only be a cap. */
  | { code: 'floor-size'; amount: string; unit: string };

/** A remark's identity, for dropping the same remark made twice (two rules, two matches). */
export function remarkKey(remark: Remark): string {
  return JSON.stringify(remark);
}
