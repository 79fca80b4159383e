import { saysEveryFile } from '../goal/intent.js';
import { parseInstruction } from '../goal/parse-instruction.js';
import { splitName } from '../media/file-names.js';
import type { Goal } from '../goal/types.js';
import { itemGoal } from '../wire/item-goal.js';
import { outputGoal, segmentsOf, TrackType, type Draft, type Segment } from '../wire/draft.js';
import type { TimelineSources } from '../wire/timeline.js';
import type { Target } from './draft.js';

// Which videos of a batch an instruction is for (the brief: "process them one by one with different
// instructions"): the ones it names, every one when it says so, else the newest.

/**
 * An instruction's target, the instruction without the file names in it, and whom to name in the
 * reply: the files it named, or (`newest`) the newest file, taken when it named none.
 */
export type Aim = { target: Target; instruction: string; named?: string; newest?: true };

/**
 * Reads whom `text` is for. With at most one video, or words for every file, it is for all (those
 * there and those still to come). Otherwise it is for the videos whose file name (or name without
 * its extension, three letters or more) it says (all, when it names every one), and, naming none,
 * for the newest. The names are taken out of the instruction, so "b.mp4" is not read as a wish
 * for MP4.
 */
export function aimOf(text: string, draft: Draft): Aim {
  const videos = segmentsOf(draft, TrackType.video).filter((segment) => segment.id !== undefined);
  let instruction = text;
  const named: Segment[] = [];
  for (const segment of videos) {
    const pattern = namePattern(segment.m.name);
    if (!pattern || !pattern.test(instruction)) continue;
    named.push(segment);
    instruction = instruction.replace(pattern, ' ');
  }
  // Every one of several videos named (the files a line uploaded, when they are all there is) is all of them: one output goal.
  if (named.length > 1 && named.length === videos.length) return { target: 'all', instruction };
  if (named.length > 0) return { target: idsOf(named), instruction, named: nameList(named) };
  if (videos.length <= 1 || saysEveryFile(text)) return { target: 'all', instruction: text };
  const newest = videos[videos.length - 1];
  return { target: idsOf([newest]), instruction: text, named: nameList([newest]), newest: true };
}

/**
 * What now applies where the instruction was aimed: for every video, the output goal (with the trim
 * just said, which lives on the segments); for some, the first one's own whole goal, window included.
 */
export function goalNow(draft: Draft, said: Goal, aim: Aim, sources: TimelineSources): Goal {
  const target = aim.target;
  if (target === 'all') return said.trim ? { ...outputGoal(draft), trim: said.trim } : outputGoal(draft);
  const segment = segmentsOf(draft, TrackType.video).find((video) => video.id !== undefined && target.ids.has(video.id));
  if (!segment) return outputGoal(draft);
  const source = segment.src !== undefined && Object.hasOwn(sources, segment.src) ? sources[segment.src] : {};
  // The length only: the reply says the size as it was asked ("half"), not yet in bytes.
  return itemGoal(outputGoal(draft), segment, { durationSec: source.durationSec });
}

/**
 * The file's name, or its stem when that is long enough to mean it and no instruction word (a file
 * "discord.mp4" is not named by "make it fit discord"), as a whole word in any case.
 */
function namePattern(name: string | undefined): RegExp | undefined {
  if (!name) return undefined;
  const [stem] = splitName(name);
  const read = stem.length >= 3 && stem !== name ? parseInstruction(stem) : undefined;
  const stemNames = read !== undefined && read.intent === 'unknown' && Object.keys(read.goal).length === 0;
  const forms = [name, ...(stemNames ? [stem] : [])].map((form) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(${forms.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

function idsOf(segments: Segment[]): Target {
  return { ids: new Set(segments.map((segment) => segment.id ?? '')) };
}

function nameList(segments: Segment[]): string {
  return segments.map((segment) => segment.m.name ?? segment.src ?? 'a video').join(', ');
}
