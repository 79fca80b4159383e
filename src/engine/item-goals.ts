import { mergeGoals } from '../goal/merge-goals.js';
import type { Goal } from '../goal/types.js';
import { itemGoal } from '../wire/item-goal.js';
import { outputGoal, segmentsOf, TrackType } from '../wire/draft.js';
import type { TimelineSources } from '../wire/timeline.js';
import type { SessionState } from './api/types.js';

/** One video item of a draft (one output file): its media id, a display name and its own Goal. */
export type DraftItem = { mediaId?: string; name: string; goal: Goal };

/**
 * The draft's video items in order, each with the Goal the node makes it to (the wire's itemGoal,
 * so the size promised here is the one the node renders to), over `fallback` (what the engine
 * parsed itself, for a node that does not echo the Goal). Pure.
 */
export function draftItems(state: SessionState, fallback: Goal = {}): DraftItem[] {
  if (!state.draft) return [];
  const output = mergeGoals(fallback, outputGoal(state.draft));
  return segmentsOf(state.draft, TrackType.video).map((segment, index) => {
    const info = segment.src !== undefined && Object.hasOwn(state.videoInfos, segment.src) ? state.videoInfos[segment.src] : undefined;
    return { mediaId: segment.src, name: segment.m.name ?? segment.src ?? `item ${index + 1}`, goal: itemGoal(output, segment, info) };
  });
}

/** Media id → what the timeline's wording reads of it: the name a segment gives it, its size and length. */
export function mediaSources(state: SessionState | undefined): TimelineSources {
  const sources: TimelineSources = {};
  for (const [id, info] of Object.entries(state?.videoInfos ?? {})) sources[id] = { sizeBytes: info.sizeBytes, durationSec: info.durationSec };
  for (const track of state?.draft?.t ?? []) {
    for (const segment of track.sg) if (segment.src && segment.m.name) sources[segment.src] = { ...sources[segment.src], name: segment.m.name };
  }
  return sources;
}
