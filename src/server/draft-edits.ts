import { plainSeconds } from '../units.js';
import type { Language } from '../goal/language.js';
import type { Edits } from '../goal/parse-types.js';
import { DEFAULT_MUSIC_VOLUME, musicVolume, segmentsOf, TrackType, type Draft, type Segment } from '../wire/draft.js';
import { AGENT_WORDS } from './agent-words.js';
import { updateTrack } from './draft.js';
import { opaqueId } from './ids.js';
import type { MediaRecord } from './sessions.js';

// Titles (text track, tt 7) and background music (segments of the audio track, tt 1), kept the
// way the cloud's draft keeps them. Like draft.ts, nothing here mutates: each returns a new draft.

/** How long a title shows when the user gives no length. */
export const DEFAULT_TITLE_MS = 3000;

/** A draft after edits, with one sentence per change and what is missing to do the rest. */
export type EditOutcome = { draft: Draft; done: string[]; missing: string[] };

/**
 * Applies a title and music edit: a title replaces the one there was (one title per project);
 * null removes it; music sets the volume of the uploaded background music, or, with none
 * uploaded, is reported missing; null removes the music (the original sound's mute stays). The
 * sentences are in `language`, English by default.
 */
export function applyEdits(draft: Draft, edits: Edits, language: Language = 'en'): EditOutcome {
  const words = AGENT_WORDS[language].edits;
  let next = draft;
  const done: string[] = [];
  const missing: string[] = [];
  if (edits.title === null) {
    const had = segmentsOf(next, TrackType.text).length > 0;
    next = { ...next, t: next.t.filter((track) => track.tt !== TrackType.text) };
    done.push(had ? words.titleRemoved : words.noTitle);
  } else if (edits.title) {
    const startMs = Math.round((edits.title.startSec ?? 0) * 1000);
    const durationMs = Math.round((edits.title.durationSec ?? DEFAULT_TITLE_MS / 1000) * 1000);
    const segment: Segment = { id: opaqueId('sg'), s: startMs, d: durationMs, m: { text: edits.title.text } };
    next = updateTrack(next, TrackType.text, (track) => ({ ...track, sg: [segment] }));
    done.push(words.title(edits.title.text, plainSeconds(startMs / 1000), plainSeconds((startMs + durationMs) / 1000)));
  }
  const music = segmentsOf(next, TrackType.audio);
  if (edits.music === null) {
    next = updateTrack(next, TrackType.audio, (track) => ({ ...track, sg: [] }));
    next = { ...next, t: next.t.filter((track) => track.tt !== TrackType.audio || track.sg.length > 0 || Object.keys(track.m).length > 0) };
    done.push(music.length > 0 ? words.musicRemoved : words.noMusic);
  } else if (edits.music && music.length === 0) {
    missing.push(words.uploadMusicFirst);
  } else if (edits.music) {
    const volume = edits.music.volume;
    if (volume !== undefined) {
      next = updateTrack(next, TrackType.audio, (track) => ({ ...track, sg: track.sg.map((segment) => ({ ...segment, m: { ...segment.m, volume } })) }));
    }
    const shown = volume ?? musicVolume(music[0]);
    done.push(words.music(String(music[0].m.name ?? words.unnamedMusic), Math.round(shown * 100)));
  }
  return { draft: next, done, missing };
}

/**
 * The draft with `record` (an audio-only upload) as its background music: the newest upload
 * replaces an earlier one and keeps its volume, so there is one music track to mix.
 */
export function setMusic(draft: Draft, record: MediaRecord): Draft {
  return updateTrack(draft, TrackType.audio, (track) => {
    const volume = track.sg.length > 0 ? musicVolume(track.sg[0]) : DEFAULT_MUSIC_VOLUME;
    const segment: Segment = { id: opaqueId('sg'), src: record.mediaId, s: 0, d: Math.round(record.info.durationSec * 1000), m: { name: record.name, volume } };
    return { ...track, sg: [segment] };
  });
}

