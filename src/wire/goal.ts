import { z } from 'zod';
import { PLATFORMS } from '../goal/platforms.js';
import { ASPECTS, CODECS, CONTAINERS, GOAL_LIMITS, QUALITIES, SPEEDS, type Goal } from '../goal/types.js';

const trimBound = z.number().min(-GOAL_LIMITS.trimSec.max).max(GOAL_LIMITS.trimSec.max);

/**
 * A trim: a negative bound counts from the end (see Goal), so an end at or before a start is
 * refused only when both count from the start.
 */
const trimSchema = z
  .strictObject({ startSec: trimBound, endSec: trimBound.optional() })
  .refine(({ startSec, endSec }) => endSec === undefined || startSec < 0 || endSec < 0 || endSec > startSec, {
    message: 'must end after it starts',
  });

/** The Goal as the render node accepts it: only known settings, each within what the encoder can do. */
export const goalSchema = z.strictObject({
  targetBytes: z.int().min(GOAL_LIMITS.targetBytes.min).max(GOAL_LIMITS.targetBytes.max).optional(),
  relativeSize: z.number().gt(0).lt(1).optional(),
  quality: z.enum(QUALITIES).optional(),
  resolution: z.int().min(GOAL_LIMITS.resolution.min).max(GOAL_LIMITS.resolution.max).optional(),
  codec: z.enum(CODECS).optional(),
  container: z.enum(CONTAINERS).optional(),
  fps: z.number().min(GOAL_LIMITS.fps.min).max(GOAL_LIMITS.fps.max).optional(),
  audio: z
    .union([z.literal(['keep', 'mute']), z.strictObject({ bitrateKbps: z.number().min(GOAL_LIMITS.audioKbps.min).max(GOAL_LIMITS.audioKbps.max) })])
    .optional(),
  subtitles: z.enum(['keep', 'none']).optional(),
  trim: trimSchema.optional(),
  aspect: z.enum(ASPECTS).optional(),
  speed: z.enum(SPEEDS).optional(),
  platform: z.enum(PLATFORMS.map((platform) => platform.id) as [string, ...string[]]).optional(),
});

// The schema and the Goal type must say the same thing: a field added to one and not the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameAsGoal: Same<z.output<typeof goalSchema>, Goal> = true;
void sameAsGoal;
