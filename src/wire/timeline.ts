import { describeGoal } from '../goal/describe-goal.js';
import type { Language } from '../goal/language.js';
import type { Goal } from '../goal/types.js';
import { plainSeconds } from '../units.js';
import { musicVolume, outputGoal, segmentsOf, TrackType, type Draft, type Segment } from './draft.js';
import { itemGoal, type ItemSource } from './item-goal.js';

// The one wording of a timeline: the node's replies, the studio's timeline pane and the client's
// notes all call these, so the same draft reads the same everywhere.

/** What is known of each media id: its file name, size and length (any of them may be missing). */
export type TimelineSources = Record<string, ItemSource & { name?: string }>;

/** The fixed words of a timeline, per language (the studio's pane is English; the node answers in the user's). */
const WORDS: Record<Language, { video: string; music: string; title: (text: string) => string; clip: string; audio: string; output: string; empty: string }> = {
  en: { video: 'Video: ', music: 'BGM: ', title: (text) => `Title: "${text}"`, clip: 'clip', audio: 'audio', output: 'Output: ', empty: 'empty' },
  zh: { video: '视频：', music: '背景音乐：', title: (text) => `标题：“${text}”`, clip: '片段', audio: '音频', output: '输出：', empty: '空' },
};

/** A timeline as lines: one per item, and the output settings when there are any. */
export type TimelineView = { items: string[]; output?: string };

/**
 * The draft's items, in the brief's words: each video with its window in the source (a batch is
 * several videos, each its own file, never joined; one with its own goal says it after "→"), then
 * the music (under each video, so as long as the longest), then the title on the output's clock.
 * The output line says what will really be made, defaults included: with one video its whole goal
 * (trim, mute and size cap included); in a batch the goal of the videos told nothing of their own
 * (none when each was); with no video yet, the settings said for the videos to come. In `language`,
 * English by default. Pure.
 */
export function timelineView(draft: Draft | undefined, sources: TimelineSources = {}, language: Language = 'en'): TimelineView {
  if (!draft) return { items: [] };
  const words = WORDS[language];
  const output = outputGoal(draft);
  const videos = segmentsOf(draft, TrackType.video);
  const goals = videos.map((segment) => itemGoal(output, segment, sourceOf(segment, sources)));
  const longestMs = Math.max(0, ...videos.map((segment) => segment.d));
  const items = [
    ...videos.map((segment, index) => {
      const own = videos.length > 1 && Object.keys(segment.m.goal ?? {}).length > 0 ? ` → ${describeGoal(goals[index], language)}` : '';
      return `${words.video}${nameOf(segment, sources, words.clip)} (${range(segment.s, segment.s + segment.d)})${own}`;
    }),
    ...segmentsOf(draft, TrackType.audio).map(
      (segment) => `${words.music}${nameOf(segment, sources, words.audio)} (${range(0, longestMs || segment.d)}, ${Math.round(musicVolume(segment) * 100)}%)`,
    ),
    ...segmentsOf(draft, TrackType.text).map((segment) => `${words.title(segment.m.text ?? '')} (${range(segment.s, segment.s + segment.d)})`),
  ];
  const shared: Goal | undefined =
    videos.length === 1 ? goals[0]
    : videos.length > 1 ? (videos.some((segment) => !segment.m.goal) ? output : undefined)
    : Object.keys(output).length > 0 ? output : undefined;
  return shared ? { items, output: describeGoal(shared, language) } : { items };
}

/**
 * The timeline on one line: `1. Video: city.mp4 (12-22s) 2. BGM: lofi.mp3 (0-10s, 35%) — Output: ≤ 8 MB · …`,
 * or "empty"; in `language` ("1. 视频：city.mp4 (12-22s) — 输出：…"). Pure.
 */
export function timelineLine(draft: Draft | undefined, sources: TimelineSources = {}, language: Language = 'en'): string {
  const words = WORDS[language];
  const { items, output } = timelineView(draft, sources, language);
  if (items.length === 0) return output ? `${words.empty} — ${words.output}${output}` : words.empty;
  const numbered = items.map((item, index) => `${index + 1}. ${item}`).join(' ');
  return output ? `${numbered} — ${words.output}${output}` : numbered;
}

/**
 * What a turn changed in the draft, for a turn that ended without text: items added and removed,
 * and the output settings if they moved. Pure.
 */
export function describeDraftChange(before: Draft | undefined, after: Draft | undefined, sources: TimelineSources = {}): string {
  const old = timelineView(before, sources);
  const now = timelineView(after, sources);
  const added = now.items.filter((item) => !old.items.includes(item));
  const removed = old.items.filter((item) => !now.items.includes(item));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`Added: ${added.join(', ')}.`);
  if (removed.length > 0) parts.push(`Removed: ${removed.join(', ')}.`);
  if (now.output !== old.output) parts.push(`Output: ${now.output ?? describeGoal({})}.`);
  return parts.length === 0 ? 'Nothing changed in the timeline.' : parts.join(' ');
}

function sourceOf(segment: Segment, sources: TimelineSources): ItemSource {
  return (segment.src !== undefined && Object.hasOwn(sources, segment.src) && sources[segment.src]) || {};
}

function nameOf(segment: Segment, sources: TimelineSources, fallback: string): string {
  const known = segment.src !== undefined && Object.hasOwn(sources, segment.src) ? sources[segment.src].name : undefined;
  return segment.m.name ?? known ?? segment.src ?? fallback;
}

/** "12-22s": a span in ms as seconds to a tenth. */
function range(startMs: number, endMs: number): string {
  return `${plainSeconds(startMs / 1000)}-${plainSeconds(endMs / 1000)}s`;
}
