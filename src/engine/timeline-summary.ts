import { describeGoal } from '../goal/index.js';
import { plainSeconds } from '../units.js';
import { TrackType, type Draft, type Segment, type Track } from './draft.js';

/**
 * The timeline as one line of numbered items, as the brief shows it:
 * `1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)`.
 * `names` maps media ids to file names for segments that carry no name. Pure.
 */
export function summarizeTimeline(draft: Draft | undefined, names: Record<string, string> = {}): string {
  const items = timelineItems(draft, names);
  return items.length === 0 ? 'The timeline is empty.' : items.map((item, index) => `${index + 1}. ${item}`).join(' ');
}

/** Each segment as a label with its place on the timeline, in track order. */
export function timelineItems(draft: Draft | undefined, names: Record<string, string> = {}): string[] {
  return (draft?.t ?? []).flatMap((track) => {
    let at = 0;
    const items = track.sg.map((segment) => {
      const start = at;
      at += segment.d ?? 0;
      return `${label(track, segment, names)} (${plainSeconds(start / 1000)}-${plainSeconds(at / 1000)}s${audioNote(track, segment)})`;
    });
    // The audio track's own flag mutes the videos' original sound, not the music on it.
    return track.tt === TrackType.audio && track.m?.mute ? ['Original sound: muted', ...items] : items;
  });
}

/**
 * What a turn changed in the draft, for a turn that ended without text: items added and
 * removed, and the output settings if they moved. Pure.
 */
export function describeDraftChange(before: Draft | undefined, after: Draft | undefined, names: Record<string, string> = {}): string {
  const old = timelineItems(before, names);
  const now = timelineItems(after, names);
  const added = now.filter((item) => !old.includes(item));
  const removed = old.filter((item) => !now.includes(item));
  const parts: string[] = [];
  if (added.length > 0) parts.push(`Added: ${added.join(', ')}.`);
  if (removed.length > 0) parts.push(`Removed: ${removed.join(', ')}.`);
  if (JSON.stringify(after?.m ?? {}) !== JSON.stringify(before?.m ?? {})) parts.push(`Output: ${describeGoal(after?.m ?? {})}.`);
  return parts.length === 0 ? 'Nothing changed in the timeline.' : parts.join(' ');
}

function label(track: Track, segment: Segment, names: Record<string, string>): string {
  const name = segment.m?.name ?? track.m?.name ?? (segment.src ? names[segment.src] ?? segment.src : undefined);
  switch (track.tt) {
    case TrackType.video:
      return `Video: ${name ?? 'clip'}`;
    case TrackType.audio:
      return `BGM: ${name ?? 'audio'}`;
    case TrackType.text:
      return `Title: "${segment.m?.text ?? name ?? ''}"`;
    default:
      return `Track ${track.tt}: ${name ?? 'item'}`;
  }
}

function audioNote(track: Track, segment: Segment): string {
  if (track.tt !== TrackType.audio) return '';
  if (segment.m?.mute === true) return ', muted';
  const volume = typeof segment.m?.volume === 'number' ? segment.m.volume : track.m?.volume;
  return volume === undefined ? '' : `, ${Math.round(volume * 100)}%`;
}

