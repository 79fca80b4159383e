import { mergeGoals } from '../goal/merge-goals.js';
import type { Goal } from '../goal/types.js';
import type { Segment } from './draft.js';
import { sizeCap } from './size-cap.js';

// Each video of a draft is its own output file, made to its own Goal. The client (to know the size
// it promised) and the node (to plan and render) derive that Goal here, so they cannot disagree.

/** What is known of one item's source: its size and length, when known. */
export type ItemSource = { sizeBytes?: number; durationSec?: number };

/**
 * The Goal one video item is made to: the draft's output Goal (`outputGoal(draft)`), overridden by
 * the segment's own `m.goal` (a new size replaces both size fields, see mergeGoals), with the
 * segment's window as a trim and, once the source's size is known, the size cap in bytes. Pure.
 */
export function itemGoal(output: Goal, segment: Segment, source: ItemSource = {}): Goal {
  const goal = mergeGoals(output, segment.m.goal ?? {});
  const trim = source.durationSec === undefined ? undefined : windowTrim(segment, source.durationSec);
  const cap = sizeCap(goal, source.sizeBytes);
  return { ...goal, ...(trim ? { trim } : {}), ...(cap !== undefined && cap !== goal.targetBytes ? { targetBytes: cap } : {}) };
}

/**
 * The segment's window in its source (ms on the wire) as a trim in seconds, or undefined when it
 * covers the whole source. A window that reaches the end (within the ms the wire rounds to) has
 * no end, so the encoder keeps the source's own last frame rather than one cut a fraction early.
 */
export function windowTrim(segment: Segment, durationSec: number): Goal['trim'] {
  const toEnd = segment.s + segment.d >= Math.round(durationSec * 1000) - 1;
  if (segment.s <= 0 && toEnd) return undefined;
  return toEnd ? { startSec: segment.s / 1000 } : { startSec: segment.s / 1000, endSec: (segment.s + segment.d) / 1000 };
}
