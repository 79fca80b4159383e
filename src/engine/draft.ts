import type { Goal } from '../goal/types.js';

// The timeline as the Nemo API carries it (wire.md "Draft"): short keys, kept as they are on the
// wire so a draft from the state call can be sent back to export untouched.

/** Track types: 0 video, 1 audio, 7 text. */
export const TrackType = { video: 0, audio: 1, text: 7 } as const;

/** One segment: a piece of a media item (`src`) from `s` ms for `d` ms, or a text (`m.text`). */
export type Segment = {
  id?: string;
  src?: string;
  s?: number;
  d?: number;
  m?: { name?: string; text?: string; goal?: Partial<Goal>; [key: string]: unknown };
};

/** One track: its type, its segments and its metadata (audio: `mute`, `volume` 0..1, `name`). */
export type Track = {
  tt: number;
  sg: Segment[];
  m?: { mute?: boolean; volume?: number; name?: string; [key: string]: unknown };
};

/** The whole timeline: tracks, total duration (ms) and the Goal that applies to every item. */
export type Draft = { t: Track[]; d?: number; m?: Goal };

/** A draft read from an untrusted answer, or undefined when it is not shaped like one. */
export function asDraft(value: unknown): Draft | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const tracks = (value as { t?: unknown }).t;
  if (!Array.isArray(tracks)) return undefined;
  return value as Draft;
}
