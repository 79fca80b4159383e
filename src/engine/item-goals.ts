import type { Goal } from '../goal/types.js';
import type { SessionState } from './api/types.js';
import { TrackType } from './draft.js';

/** One video item of a draft (one output file): its media id, a display name and its own Goal. */
export type DraftItem = { mediaId?: string; name: string; goal: Goal };

/**
 * The draft's video items in order, each with the Goal that applies to it: the draft's top-level
 * `m`, overridden by the segment's `m.goal`, over `fallback` (what the engine parsed itself, for a
 * node that does not echo the Goal). A relative size becomes bytes once the input size is known. Pure.
 */
export function draftItems(state: SessionState, fallback: Goal = {}): DraftItem[] {
  const video = state.draft?.t.filter((track) => track.tt === TrackType.video) ?? [];
  return video.flatMap((track) =>
    track.sg.map((segment, index) => {
      const info = segment.src ? state.videoInfos[segment.src] : undefined;
      const goal: Goal = { ...fallback, ...state.draft?.m, ...segment.m?.goal };
      if (goal.targetBytes === undefined && goal.relativeSize !== undefined && info?.sizeBytes) {
        goal.targetBytes = Math.floor(info.sizeBytes * goal.relativeSize);
      }
      return { mediaId: segment.src, name: segment.m?.name ?? segment.src ?? `item ${index + 1}`, goal };
    }),
  );
}

/** Media id → file name, for timeline summaries. */
export function mediaNames(state: SessionState | undefined): Record<string, string> {
  const names: Record<string, string> = {};
  for (const track of state?.draft?.t ?? []) for (const segment of track.sg) if (segment.src && segment.m?.name) names[segment.src] = segment.m.name;
  return names;
}
