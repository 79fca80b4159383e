import type { Remark } from '../goal/remarks.js';
import { segmentsOf, TrackType, type Draft, type Segment } from '../wire/draft.js';
import { trimVideo, type Target } from './draft.js';

/**
 * What the node offered to do in its last reply, done when the next message says yes: keep only the
 * first `limitSec` of the video segments `ids` (each from where it starts now).
 */
export type LengthOffer = { limitSec: number; ids: string[] };

/**
 * A platform's length limit said against the videos it was said for (`target`): with no video yet,
 * the general remark stays; with videos and none longer, it goes (it would ask about nothing); with
 * some longer, it names them and asks whether to trim them, which is the offer a "yes" takes up.
 */
export function lengthQuestion(remarks: Remark[], draft: Draft, target: Target = 'all'): { remarks: Remark[]; offer?: LengthOffer } {
  const videos = segmentsOf(draft, TrackType.video).filter((segment) => segment.id !== undefined && (target === 'all' || target.ids.has(segment.id)));
  const asked = remarks.find((remark) => remark.code === 'platform-length');
  if (!asked || videos.length === 0) return { remarks };
  const longer = videos.filter((segment) => segment.d > asked.limitSec * 1000);
  const others = remarks.filter((remark) => remark !== asked);
  if (longer.length === 0) return { remarks: others };
  const question: Remark = {
    code: 'platform-too-long',
    platform: asked.platform,
    limitSec: asked.limitSec,
    // Rounded up, so a video a moment over never reads as exactly the limit.
    longer: longer.map((segment) => ({ name: nameOf(segment), lengthSec: Math.ceil(segment.d / 1000) })),
  };
  return { remarks: [...others, question], offer: { limitSec: asked.limitSec, ids: longer.map((segment) => segment.id ?? '') } };
}

/**
 * The draft with the offer taken up: each offered segment still there keeps its first `limitSec`
 * from where it starts; undefined when none of them is left (removed by a new project).
 */
export function acceptOffer(draft: Draft, offer: LengthOffer, sourceMs: (src: string) => number): { draft: Draft; names: string[] } | undefined {
  const offered = segmentsOf(draft, TrackType.video).filter((segment) => segment.id !== undefined && offer.ids.includes(segment.id));
  if (offered.length === 0) return undefined;
  let next = draft;
  for (const segment of offered) {
    const startSec = segment.s / 1000;
    next = trimVideo(next, { startSec, endSec: startSec + offer.limitSec }, sourceMs, { ids: new Set([segment.id ?? '']) });
  }
  return { draft: next, names: offered.map(nameOf) };
}

function nameOf(segment: Segment): string {
  return segment.m.name ?? segment.src ?? 'a video';
}
