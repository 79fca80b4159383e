import { z } from 'zod';
import { CODECS, CONTAINERS } from '../goal/types.js';
import { MAX_SEGMENTS } from './draft.js';

// An encode plan as it crosses the wire, in the node's snake_case: the items of the agent's 'plan'
// step (what a turn promises) and a render output's `plan` (what the encode ran), one shape so the
// two can be compared field by field. The client reads it from a stream another node may have
// written: keys it does not use are dropped, the ones it uses are checked.

const count = z.number().int().nonnegative();
const rate = z.number().nonnegative();

/** One item's encode: picture, rate control, encoder and passes, sound, and the sizes. */
export const planItemSchema = z.object({
  /** 'copy' remuxes as it is, 'bitrate' aims at a size, 'crf' at a quality. */
  mode: z.enum(['copy', 'bitrate', 'crf']),
  codec: z.enum(CODECS),
  container: z.enum(CONTAINERS),
  /** The ffmpeg encoder that runs ('copy' for a copy), e.g. 'libx264', 'libsvtav1', 'h264_nvenc'. */
  encoder: z.string().min(1).max(100),
  /** Encoder runs over the picture: 0 for a copy, 2 for a two-pass size target, else 1. */
  passes: z.number().int().min(0).max(2),
  width: count,
  height: count,
  /** Output frames per second, when lowered from the source's. */
  fps: rate.optional(),
  video_kbps: rate.optional(),
  crf: z.number().optional(),
  /** The sound: copied, left out, or encoded at `audio_kbps`. */
  audio: z.enum(['copy', 'none', 'encode']),
  audio_kbps: rate.optional(),
  expected_bytes: count.optional(),
  target_bytes: count.optional(),
});

/** The response of the agent's 'plan' step: one item per video of the draft, named as the timeline names it. */
export const planResponseSchema = z.object({
  items: z.array(planItemSchema.extend({ name: z.string().max(1000) })).max(MAX_SEGMENTS),
});

export type PlanItem = z.output<typeof planItemSchema>;
export type PlanResponse = z.output<typeof planResponseSchema>;
/** A plan step's item: the plan of one video, with its name. */
export type NamedPlanItem = PlanResponse['items'][number];
