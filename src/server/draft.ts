import { mergeGoals } from '../goal/merge-goals.js';
import { trimWindow } from '../media/trim-window.js';
import type { Goal } from '../goal/types.js';
import { segmentsOf, TrackType, type Draft, type Segment, type Track, type TrackKind } from '../wire/draft.js';
import { opaqueId } from './ids.js';

// The node's edits of the draft (its shape and what reads it are the wire's, src/wire/draft.ts).
// These helpers never mutate: each returns a new draft, so a turn that fails half-way leaves the
// session's draft untouched.

/** A new session's draft: one empty video track and no settings. */
export function emptyDraft(): Draft {
  return { t: [{ tt: TrackType.video, sg: [], m: {} }], d: 0, m: {} };
}

/** The draft with `segment` appended to the track of type `tt` (created when missing). */
export function addSegment(draft: Draft, tt: TrackKind, segment: Omit<Segment, 'id'>): Draft {
  const withId: Segment = { id: opaqueId('sg'), ...segment };
  return withTotal(updateTrack(draft, tt, (track) => ({ ...track, sg: [...track.sg, withId] })));
}

/** The draft with the track of type `tt` (created when missing) changed by `change`. */
export function updateTrack(draft: Draft, tt: TrackKind, change: (track: Track) => Track): Draft {
  const exists = draft.t.some((track) => track.tt === tt);
  const tracks = exists ? draft.t : [...draft.t, { tt, sg: [], m: {} }];
  return { ...draft, t: tracks.map((track) => (track.tt === tt ? change(track) : track)) };
}

/** The videos an instruction is for: every one (and those still to come), or the segments with these ids. */
export type Target = 'all' | { ids: ReadonlySet<string> };

/**
 * Trims the targeted video segments to the window `trim` (seconds, in each source; negative counts from the end), clamped to the
 * source's length `sourceMs(src)`; a window past the end of a source leaves that segment as it was.
 */
export function trimVideo(draft: Draft, trim: NonNullable<Goal['trim']>, sourceMs: (src: string) => number, target: Target = 'all'): Draft {
  return withTotal(
    updateTrack(draft, TrackType.video, (track) => ({
      ...track,
      sg: track.sg.map((segment) => {
        if (!isTargeted(segment, target)) return segment;
        const length = segment.src ? sourceMs(segment.src) : segment.s + segment.d;
        const window = trimWindow(trim, length / 1000);
        const start = Math.round(window.startSec * 1000);
        const end = Math.round(window.endSec * 1000);
        return end > start ? { ...segment, s: start, d: end - start } : segment;
      }),
    })),
  );
}

/** Mutes (or unmutes) the original sound: a flag on the audio track, as the cloud's draft keeps it. */
export function setMuted(draft: Draft, muted: boolean): Draft {
  return updateTrack(draft, TrackType.audio, (track) => {
    const { mute: _mute, ...rest } = track.m;
    return { ...track, m: muted ? { ...rest, mute: true } : rest };
  });
}

/**
 * Applies what the user asked for to the timeline the way the cloud's draft keeps it. For every
 * video: the output settings merge into `m` (and win over what each video was told on its own), a
 * trim becomes each video segment's window, and "mute" becomes the audio track's flag. For some
 * videos: the settings, mute included, merge into each one's own `m.goal`, a trim into its window.
 */
export function applyGoal(draft: Draft, goal: Goal, sourceMs: (src: string) => number, target: Target = 'all'): Draft {
  const { trim, ...rest } = goal;
  let next = target === 'all' ? applyToAll(draft, rest) : updateVideos(draft, target, (own) => mergeGoals(own, rest));
  if (trim) next = trimVideo(next, trim, sourceMs, target);
  return next;
}

function applyToAll(draft: Draft, goal: Goal): Draft {
  const { audio, ...settings } = goal;
  let next: Draft = { ...updateVideos(draft, 'all', (own) => withoutOverridden(own, goal)), m: mergeGoals(draft.m, settings) };
  if (audio === 'mute') next = setMuted(next, true);
  else if (audio !== undefined) next = { ...setMuted(next, false), m: { ...next.m, audio } };
  return next;
}

/** `own` less what `goal` decides anew (a size decides both size fields, as in mergeGoals). */
function withoutOverridden(own: Goal, goal: Goal): Goal {
  const sized = goal.targetBytes !== undefined || goal.relativeSize !== undefined;
  const overridden = (field: string) => Object.hasOwn(goal, field) || (sized && (field === 'targetBytes' || field === 'relativeSize'));
  return Object.fromEntries(Object.entries(own).filter(([field]) => !overridden(field))) as Goal;
}

/**
 * Before more videos join a draft that has some: the settings said so far were said to the videos
 * there, so each keeps them as its own goal and the newcomers start from none (each file keeps its
 * own instruction). A draft with no video keeps them for the videos to come.
 */
export function settleSharedGoal(draft: Draft): Draft {
  if (segmentsOf(draft, TrackType.video).length === 0 || Object.keys(draft.m).length === 0) return draft;
  return { ...updateVideos(draft, 'all', (own) => mergeGoals(draft.m, own)), m: {} };
}

/** The draft with the own goal of each targeted video changed by `change` (an empty goal is left out). */
function updateVideos(draft: Draft, target: Target, change: (own: Goal) => Goal): Draft {
  return updateTrack(draft, TrackType.video, (track) => ({
    ...track,
    sg: track.sg.map((segment) => {
      if (!isTargeted(segment, target)) return segment;
      const { goal: own, ...meta } = segment.m;
      const goal = change(own ?? {});
      return { ...segment, m: Object.keys(goal).length > 0 ? { ...meta, goal } : meta };
    }),
  }));
}

function isTargeted(segment: Segment, target: Target): boolean {
  return target === 'all' || (segment.id !== undefined && target.ids.has(segment.id));
}

function withTotal(draft: Draft): Draft {
  const total = segmentsOf(draft, TrackType.video).reduce((sum, segment) => sum + segment.d, 0);
  return { ...draft, d: total };
}

/** A draft read from the wire (the export body), every segment with an id (the node gives each one). */
export function withSegmentIds(draft: Draft): Draft {
  return { ...draft, t: draft.t.map((track) => ({ ...track, sg: track.sg.map((segment) => ({ ...segment, id: segment.id ?? opaqueId('sg') })) })) };
}
