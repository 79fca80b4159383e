import { mergeGoals } from '../goal/index.js';
import type { Container, Goal } from '../goal/types.js';
import { badRequest } from './api-failure.js';
import { isMuted, segmentsOf, TrackType, type Draft } from './draft.js';
import type { MediaRecord } from './sessions.js';

/** One file a render produces: its source, the Goal for it, and the name the output gets. */
export type RenderItem = { mediaId: string; name: string; outputName: string; goal: Goal };

const containers: readonly Container[] = ['mp4', 'webm', 'mov', 'mkv'];

/**
 * Turns a draft into the items to render, one per video segment, in order (a batch is several
 * segments). Each item's Goal is the draft's `m` overridden by the segment's own `m.goal`, plus what
 * the timeline says: the segment's window as a trim, the audio track's mute. Every `src` must be a
 * file of this session; anything else is a 400, so a draft can never point the node elsewhere.
 */
export function renderItems(draft: Draft, media: Record<string, MediaRecord>, format?: unknown): RenderItem[] {
  const segments = segmentsOf(draft, TrackType.video);
  if (segments.length === 0) throw badRequest('The draft has no video to render: upload a file first.');
  const muted = isMuted(draft);
  return segments.map((segment) => {
    const source = segment.src === undefined ? undefined : media[segment.src];
    if (!source || !Object.hasOwn(media, segment.src ?? '')) throw badRequest('The draft names a media id that is not in this session.');
    let goal = mergeGoals(draft.m, (segment.m.goal ?? {}) as Goal);
    const sourceMs = Math.round(source.info.durationSec * 1000);
    if (segment.s > 0 || segment.s + segment.d < sourceMs - 1) {
      goal = { ...goal, trim: { startSec: segment.s / 1000, endSec: (segment.s + segment.d) / 1000 } };
    }
    if (muted) goal = { ...goal, audio: 'mute' };
    if (!goal.container && containers.includes(format as Container)) goal = { ...goal, container: format as Container };
    return { mediaId: source.mediaId, name: source.name, outputName: outputNameFor(source.name, goal.container ?? 'mp4'), goal };
  });
}

/** `trip.mov` → `trip.compressed.mp4`: the display name of an output. */
export function outputNameFor(sourceName: string, container: Container): string {
  const stem = sourceName.replace(/\.[^.]*$/, '') || 'video';
  return `${stem}.compressed.${container}`;
}
