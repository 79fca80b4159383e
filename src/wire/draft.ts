import { z } from 'zod';
import { goalSchema } from './goal.js';

// The draft is the session's timeline, in the Nemo wire shape (wire.md): tracks `t` of type `tt`
// (0 video, 1 audio, 7 text) holding segments `sg` (`src` media id, `s` start in the source and
// `d` duration, both ms), total `d`, and the output Goal in `m`. Keys the node does not use are
// dropped; the ones it uses must be in range, so nothing a client sends reaches a path or the
// encoder unchecked.

/** Track types. */
export const TrackType = { video: 0, audio: 1, text: 7 } as const;

/** A week in ms: longer than any video a node renders, short enough for exact arithmetic. */
const MAX_MS = 7 * 24 * 3600 * 1000;
/** The most characters of a title. */
export const MAX_TITLE_CHARS = 500;
/** Batches of a few hundred files at most; more is a client gone wrong. */
export const MAX_SEGMENTS = 500;
const MAX_TRACKS = 16;

const idString = z.string().min(1).max(100);

const segmentSchema = z.object({
  id: idString.optional(),
  src: idString.optional(),
  s: z.number().min(0).max(MAX_MS),
  d: z.number().gt(0).max(MAX_MS),
  m: z
    .object({
      name: z.string().max(1000).optional(),
      text: z.string().max(MAX_TITLE_CHARS).optional(),
      volume: z.number().min(0).max(1).optional(),
      goal: goalSchema.optional(),
    })
    .default({}),
});

const trackSchema = z.object({
  tt: z.literal([TrackType.video, TrackType.audio, TrackType.text]),
  sg: z.array(segmentSchema).max(MAX_SEGMENTS),
  m: z.object({ mute: z.boolean().optional(), volume: z.number().min(0).max(1).optional(), name: z.string().max(1000).optional() }).default({}),
});

/** A draft as it crosses the wire. */
export const draftSchema = z.object({
  t: z.array(trackSchema).max(MAX_TRACKS),
  d: z.number().min(0).max(MAX_MS * MAX_SEGMENTS).default(0),
  m: goalSchema.default({}),
});

/** 0 video, 1 audio, 7 text. */
export type TrackKind = (typeof TrackType)[keyof typeof TrackType];
export type WireSegment = z.output<typeof segmentSchema>;
export type WireTrack = z.output<typeof trackSchema>;
export type WireDraft = z.output<typeof draftSchema>;
