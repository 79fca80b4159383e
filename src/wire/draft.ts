import { z } from 'zod';
import type { Goal } from '../goal/types.js';
import { goalSchema } from './goal.js';

// The draft is the session's timeline, in the Nemo wire shape (wire.md): tracks `t` of type `tt`
// (0 video, 1 audio, 7 text) holding segments `sg` (`src` media id, `s` start in the source and
// `d` duration, both ms), total `d`, and the output Goal in `m`. This is the one definition the
// client and the node share. Our node reads it strictly (draftSchema: keys it does not use are
// dropped, the ones it uses must be in range, so nothing a client sends reaches a path or the
// encoder unchecked); the client reads the cloud's leniently (readCloudDraft).

/** Track types. */
export const TrackType = { video: 0, audio: 1, text: 7 } as const;

/** A week in ms: longer than any video a node renders, short enough for exact arithmetic. */
const MAX_MS = 7 * 24 * 3600 * 1000;
/** The most characters of a title. */
export const MAX_TITLE_CHARS = 500;
/** Batches of a few hundred files at most; more is a client gone wrong. */
export const MAX_SEGMENTS = 500;
const MAX_TRACKS = 16;
/** The music's level under the video's own sound until the user says otherwise. */
export const DEFAULT_MUSIC_VOLUME = 0.35;

const idString = z.string().min(1).max(100);

const segmentMetaSchema = z.object({
  name: z.string().max(1000).optional(),
  text: z.string().max(MAX_TITLE_CHARS).optional(),
  volume: z.number().min(0).max(1).optional(),
  goal: goalSchema.optional(),
});

const segmentSchema = z.object({
  id: idString.optional(),
  src: idString.optional(),
  s: z.number().min(0).max(MAX_MS),
  d: z.number().gt(0).max(MAX_MS),
  m: segmentMetaSchema.default({}),
});

const trackMetaSchema = z.object({ mute: z.boolean().optional(), volume: z.number().min(0).max(1).optional(), name: z.string().max(1000).optional() });

const trackSchema = z.object({
  tt: z.literal([TrackType.video, TrackType.audio, TrackType.text]),
  sg: z.array(segmentSchema).max(MAX_SEGMENTS),
  m: trackMetaSchema.default({}),
});

/** A draft as our node accepts it. */
export const draftSchema = z.object({
  t: z.array(trackSchema).max(MAX_TRACKS),
  d: z.number().min(0).max(MAX_MS * MAX_SEGMENTS).default(0),
  m: goalSchema.default({}),
});

/** 0 video, 1 audio, 7 text. */
export type TrackKind = (typeof TrackType)[keyof typeof TrackType];
/** One segment: a piece of a media item (`src`) from `s` ms for `d` ms, or a title (`m.text`). */
export type Segment = z.output<typeof segmentSchema>;
/** One track: its type, its segments and its metadata (audio: `mute` of the original sound, `volume` 0..1, `name`). */
export type Track = z.output<typeof trackSchema>;
/** The whole timeline: tracks, total duration (ms) and the Goal that applies to every item. */
export type Draft = z.output<typeof draftSchema>;

/**
 * A draft from a node we do not run (the cloud), or undefined when it is not shaped like one at
 * all. Nothing fails here: a track of an unknown type or without segments is dropped, a segment
 * field out of range is repaired (a missing start is 0) or dropped, and so is a bad setting of the
 * Goal. Keys this client does not know are kept, so the draft goes back to export as it came.
 */
export function readCloudDraft(value: unknown): Draft | undefined {
  if (!isRecord(value) || !Array.isArray(value.t)) return undefined;
  const t = value.t.flatMap((track): Track[] => {
    if (!isRecord(track) || !Array.isArray(track.sg) || !trackSchema.shape.tt.safeParse(track.tt).success) return [];
    const sg = track.sg.flatMap((segment): Segment[] => {
      if (!isRecord(segment)) return [];
      const kept = validFields(segmentSchema.shape, segment);
      const meta = validFields(segmentMetaSchema.shape, segment.m);
      if (isRecord(segment.m) && isRecord(segment.m.goal)) meta.goal = validFields(goalSchema.shape, segment.m.goal);
      return [{ ...kept, s: typeof kept.s === 'number' ? kept.s : 0, d: typeof kept.d === 'number' ? kept.d : 0, m: meta } as Segment];
    });
    return [{ ...track, tt: track.tt as TrackKind, sg, m: validFields(trackMetaSchema.shape, track.m) }];
  });
  const draft = { ...value, t, m: validFields(goalSchema.shape, value.m) as Goal } as Draft;
  draft.d = typeof value.d === 'number' && value.d >= 0 ? value.d : segmentsOf(draft, TrackType.video).reduce((sum, segment) => sum + segment.d, 0);
  return draft;
}

/** `value` with each field in `shape` that its schema refuses left out; other keys untouched. */
function validFields(shape: Record<string, z.ZodType>, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) return {};
  const kept: Record<string, unknown> = { ...value };
  for (const [key, schema] of Object.entries(shape)) {
    if (!Object.hasOwn(value, key)) continue;
    const read = schema.safeParse(value[key]);
    if (read.success && read.data !== undefined) kept[key] = read.data;
    else delete kept[key];
  }
  return kept;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The segments of the first track of a type (empty when there is none). */
export function segmentsOf(draft: Draft, tt: TrackKind): Segment[] {
  return draft.t.find((track) => track.tt === tt)?.sg ?? [];
}

/**
 * The draft of one video item alone (the `index`th, in order): the other videos left out, the
 * titles, the music and the output settings kept, since they apply to every item. Pure.
 */
export function itemDraft(draft: Draft, index: number): Draft {
  const segment = segmentsOf(draft, TrackType.video)[index];
  if (!segment) return draft;
  const video = draft.t.find((track) => track.tt === TrackType.video);
  return { ...draft, t: draft.t.map((track) => (track === video ? { ...track, sg: [segment] } : track)), d: segment.d };
}

/** Whether the audio track says the original sound is muted. */
export function isMuted(draft: Draft): boolean {
  return draft.t.some((track) => track.tt === TrackType.audio && track.m.mute === true);
}

/** The output settings every item gets, as the renders see them: `m` plus the audio track's mute. */
export function outputGoal(draft: Draft): Goal {
  return isMuted(draft) ? { ...draft.m, audio: 'mute' } : draft.m;
}

/** A music segment's volume (0..1), the default when it has none. */
export function musicVolume(segment: Segment): number {
  const volume = segment.m.volume;
  return typeof volume === 'number' && volume >= 0 && volume <= 1 ? volume : DEFAULT_MUSIC_VOLUME;
}

/** The media a draft uses: each media id once, in order, with the file name its segments give it. Pure. */
export function draftMedia(draft: Draft): { src: string; name?: string }[] {
  const media = new Map<string, string | undefined>();
  for (const track of draft.t) for (const segment of track.sg) if (segment.src !== undefined) media.set(segment.src, media.get(segment.src) ?? segment.m.name);
  return [...media].map(([src, name]) => (name === undefined ? { src } : { src, name }));
}

/** The draft with its media ids replaced by `ids` (old id → new), for the same files uploaded again; ids not in it stay. Pure. */
export function repointMedia(draft: Draft, ids: ReadonlyMap<string, string>): Draft {
  return { ...draft, t: draft.t.map((track) => ({ ...track, sg: track.sg.map((segment) => (segment.src !== undefined && ids.has(segment.src) ? { ...segment, src: ids.get(segment.src) } : segment)) })) };
}
