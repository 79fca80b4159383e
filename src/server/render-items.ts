import type { Container, Goal } from '../goal/types.js';
import { itemGoal } from '../wire/item-goal.js';
import { musicVolume, outputGoal, segmentsOf, TrackType, type Draft } from '../wire/draft.js';
import type { PlanItem } from '../wire/plan.js';
import { defaultOutputName } from '../media/place-output.js';
import { badRequest } from './api-failure.js';
import type { MediaRecord } from './sessions.js';

/**
 * One file a render produces: its source, the Goal for it, the name the output gets, and what the
 * timeline adds to it: titles (seconds on the output) and background music (a media id and its volume).
 */
export type RenderItem = {
  mediaId: string;
  name: string;
  outputName: string;
  goal: Goal;
  titles?: { text: string; startSec: number; endSec: number }[];
  music?: { mediaId: string; volume: number };
  /** The plan the node promised for it, with its own ffmpeg; a worker with another ffmpeg says how its plan differs. */
  promised?: PlanItem;
};

/**
 * Turns a draft into the items to render, one per video segment, in order (a batch is several
 * segments). Each item's Goal is the wire's itemGoal (the draft's `m` and mute, overridden by the
 * segment's own `m.goal`, its window as a trim, the size cap in bytes), plus the titles and the
 * music (the same for every item). Every `src` must be a
 * file of this session; anything else is a 400, so a draft can never point the node elsewhere.
 */
export function renderItems(draft: Draft, media: Record<string, MediaRecord>, format?: Container): RenderItem[] {
  const segments = segmentsOf(draft, TrackType.video);
  if (segments.length === 0) throw badRequest('The draft has no video to render: upload a file first.');
  const output = outputGoal(draft);
  const titles = segmentsOf(draft, TrackType.text)
    .filter((segment) => typeof segment.m.text === 'string' && segment.m.text.trim() !== '')
    .map((segment) => ({ text: String(segment.m.text), startSec: segment.s / 1000, endSec: (segment.s + segment.d) / 1000 }));
  const music = musicOf(draft, media);
  return segments.map((segment) => {
    const source = segment.src === undefined ? undefined : media[segment.src];
    if (!source || !Object.hasOwn(media, segment.src ?? '')) throw badRequest('The draft names a media id that is not in this session.');
    let goal: Goal = itemGoal(output, segment, source.info);
    if (!goal.container && format) goal = { ...goal, container: format };
    return { mediaId: source.mediaId, name: source.name, outputName: defaultOutputName(source.name, goal.container ?? 'mp4'), goal, ...(titles.length > 0 ? { titles } : {}), ...(music ? { music } : {}) };
  });
}

/** The background music: the audio track's first segment, which must name a file of this session that has sound. */
function musicOf(draft: Draft, media: Record<string, MediaRecord>): RenderItem['music'] {
  const [segment] = segmentsOf(draft, TrackType.audio);
  if (!segment) return undefined;
  const source = segment.src !== undefined && Object.hasOwn(media, segment.src) ? media[segment.src] : undefined;
  if (!source) throw badRequest('The draft names background music that is not in this session.');
  if (!source.info.audio) throw badRequest(`${source.name} has no sound to use as background music.`);
  return { mediaId: source.mediaId, volume: musicVolume(segment) };
}

