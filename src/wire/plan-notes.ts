import { z } from 'zod';
import { ASPECTS, CODECS, CONTAINERS, QUALITIES } from '../goal/types.js';

// What the media core decided, as data: each note a code and the values its wording needs. Defined
// here, as the schema, because notes cross the wire (a render output's `plan_notes`): the media core
// makes them (it takes the type alone), the node and the client word them with plan-note-words.ts,
// each in its user's language. Strict: a note is read whole or not at all, never half-guessed.

const count = z.number().int().nonnegative();
const amount = z.number().nonnegative();
const seconds = z.number();
const name = z.string().min(1).max(100);
/** A size worked out (a share of the source, an overhead) need not be whole bytes. */
const bytes = amount;

/** A measured quality: VMAF with its 5th percentile, or SSIM (mean only). */
const noteScoreSchema = z.strictObject({ metric: z.enum(['vmaf', 'ssim']), mean: z.number(), low: z.number() });

/** The sound codec a container carries: Opus in WebM, AAC elsewhere. */
const soundCodecSchema = z.enum(['aac', 'opus']);

/** How a frame rate fares: lowered, a variable rate kept, or the source's kept. */
const rateChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lowered'), fromFps: amount, toFps: amount }),
  z.strictObject({ kind: z.literal('variable'), aboutFps: amount }),
  z.strictObject({ kind: z.literal('kept'), fps: amount }),
]);

/** One step leaner for a picture the budget cannot carry (see the media core's leanerPlan). */
const leanerChangeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('frame'), width: count, height: count }),
  z.strictObject({ kind: z.literal('fps'), fps: amount }),
  z.strictObject({ kind: z.literal('no-sound') }),
]);

/** One way the plan a render worker ran differs from the plan promised: the field, as the plan shows it, before and after. */
const planDifferenceSchema = z.discriminatedUnion('field', [
  z.strictObject({ field: z.literal('codec'), promised: z.enum(CODECS), ran: z.enum(CODECS) }),
  z.strictObject({ field: z.literal('encoder'), promised: name, ran: name }),
  z.strictObject({ field: z.literal('frame'), promised: z.strictObject({ width: count, height: count }), ran: z.strictObject({ width: count, height: count }) }),
  z.strictObject({ field: z.enum(['fps', 'video_kbps', 'crf', 'audio_kbps']), promised: amount.optional(), ran: amount.optional() }),
  z.strictObject({ field: z.literal('passes'), promised: count, ran: count }),
  z.strictObject({ field: z.literal('audio'), promised: z.enum(['copy', 'none', 'encode']), ran: z.enum(['copy', 'none', 'encode']) }),
]);

const note = <C extends string, S extends z.ZodRawShape>(code: C, shape: S) => z.strictObject({ code: z.literal(code), ...shape });

/** One decision of a plan, or of the encode that ran it. */
export const planNoteSchema = z.discriminatedUnion('code', [
  /** Planned as a copy: already H.264 (and AAC) at this size, under the target. */
  note('copied', { withAudio: z.boolean(), width: count, height: count, bytes: bytes, targetBytes: bytes }),
  /** The copy's rewritten container grew past the target: the input's own bytes went out. */
  note('copied-as-is', { grewBytes: bytes, targetBytes: bytes }),
  note('webm-codec', { asked: z.enum(CODECS) }),
  note('webm', {}),
  note('trim', { startSec: seconds, endSec: seconds, durationSec: seconds }),
  note('crop', { aspect: z.enum(ASPECTS), width: count, height: count, sourceWidth: count, sourceHeight: count }),
  note('rotation', { degrees: z.number() }),
  note('hdr', { format: name, codec: z.enum(CODECS) }),
  note('hardware-encoder', { encoder: name }),
  note('title', { startSec: seconds, endSec: seconds }),
  note('quality', { quality: z.enum(QUALITIES), crf: z.number() }),
  /** A resolution was asked for that the source does not reach: it keeps its own size. */
  note('source-smaller', { askedShortSide: count, width: count, height: count }),
  /** The picture's size and rate; in bitrate mode also the video bitrate and passes. */
  note('picture', { width: count, height: count, rate: rateChangeSchema, video: z.strictObject({ kbps: amount, twoPass: z.boolean() }).optional() }),
  note('sound', { codec: soundCodecSchema, kbps: amount, channels: count }),
  note('sound-music', { percent: amount, overSource: z.boolean(), codec: soundCodecSchema, kbps: amount, channels: count }),
  note('sound-none-in-source', {}),
  note('sound-muted', {}),
  note('sound-none', {}),
  /** The source's subtitle tracks: how many the output keeps, and how many its container cannot hold (pictures outside Matroska). */
  note('subtitles', { kept: count, dropped: count, container: z.enum(CONTAINERS) }),
  note('subtitles-removed', {}),
  /** Sound the goal did not name, left out: the size cannot hold it beside a picture. */
  note('sound-dropped', { targetBytes: bytes, durationSec: seconds, smallestWithSoundBytes: bytes }),
  note('size-budget', { targetBytes: bytes, totalKbps: amount, overheadBytes: bytes, marginPercent: amount }),
  note('bitrate-unused', { usedKbps: amount, availableKbps: amount }),
  note('picture-scaled', { width: count, height: count, fullWidth: count, fullHeight: count, bitsPerPixel: amount }),
  note('sound-under-floor', { floorKbps: amount, floorChannels: count, pictureKbps: amount, width: count, height: count }),
  /** The quality search's CRF; `bar` is what the samples had to reach when it fell short. */
  note('quality-search', {
    crf: z.number(),
    score: noteScoreSchema,
    passed: z.boolean(),
    bar: z.strictObject({ metric: z.enum(['vmaf', 'ssim']), value: z.number() }),
    reused: z.boolean(),
    sampleSec: seconds,
    tries: count,
    /** The CRF lies between two tries, on the line between their scores (an estimate, not a measurement). */
    between: z.tuple([z.number(), z.number()]).optional(),
    /** Measured on the whole clip: each try was a full output, and the one kept is what ships. */
    whole: z.literal(true).optional(),
  }),
  note('quality-remeasured', { score: noteScoreSchema, crf: z.number(), lowerCrf: z.number() }),
  note('quality-over-cap', { quality: z.enum(QUALITIES), capBytes: bytes, copied: z.boolean() }),
  note('bigger-than-source', { bytes: bytes, sourceBytes: bytes, sourceCodec: name }),
  note('under-encoder-floor', { kbps: amount, width: count, height: count, change: leanerChangeSchema }),
  note('size-overshot', { actualBytes: bytes, targetBytes: bytes, kbps: amount, change: leanerChangeSchema.optional() }),
  note('size-topped-up', { actualBytes: bytes, aimBytes: bytes, kbps: amount }),
  note('sound-measured', { audioBytes: bytes, plannedBytes: bytes, spare: z.boolean(), kbps: amount }),
  /**
   * The render worker planned with its own ffmpeg and came to another plan than the node promised;
   * `missingEncoder`: the promised encoder, when the worker's ffmpeg lacks it (else it is another build).
   */
  note('worker-plan', { missingEncoder: name.optional(), differences: z.array(planDifferenceSchema).max(20) }),
  note('full-frame-kept', { width: count, height: count, fps: amount, ssim: z.number(), plannedSsim: z.number(), plannedWidth: count, plannedHeight: count }),
]);

/** A render output's notes as data, as many as an encode can make (a few dozen at most). */
export const planNotesSchema = z.array(planNoteSchema).max(100);

export type PlanNote = z.output<typeof planNoteSchema>;
export type NoteScore = z.output<typeof noteScoreSchema>;
export type SoundCodec = z.output<typeof soundCodecSchema>;
export type RateChange = z.output<typeof rateChangeSchema>;
export type LeanerChange = z.output<typeof leanerChangeSchema>;
export type PlanDifference = z.output<typeof planDifferenceSchema>;
