import { describe, expect, it } from 'vitest';
import type { Edits } from '../../src/goal/parse-types.js';
import { planReply, timelineReply } from '../../src/server/agent-reply.js';
import { addSegment, emptyDraft, setMuted } from '../../src/server/draft.js';
import { segmentsOf, timelineLine, TrackType, type Draft } from '../../src/wire/index.js';
import { applyEdits, setMusic } from '../../src/server/draft-edits.js';
import { renderItems } from '../../src/server/render-items.js';
import type { MediaRecord } from '../../src/server/sessions.js';

const record = (id: string, name: string, seconds: number, kind: 'video' | 'audio'): MediaRecord => ({
  mediaId: id,
  name,
  size: 1000,
  info: {
    container: 'mov,mp4', durationSec: seconds, sizeBytes: 1000, bitrate: 8000,
    ...(kind === 'video' ? { video: { displayWidth: 320, displayHeight: 240 } as never } : {}),
    audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
  },
});
const library = { m_city: record('m_city', 'city timelapse', 10, 'video'), m_lofi: record('m_lofi', 'Lo-fi', 4, 'audio') };
const video = (): Draft => addSegment(emptyDraft(), TrackType.video, { src: 'm_city', s: 0, d: 10_000, m: { name: 'city timelapse' } });
const withMusic = (): Draft => setMusic(video(), library.m_lofi);
const titled = (): Draft => applyEdits(withMusic(), { title: { text: 'Old' } }).draft;

type Row = [string, () => Draft, Edits, { timeline: string; done: RegExp[]; missing?: RegExp }];
const rows: Row[] = [
  ['the brief: title and music at 35%', withMusic, { title: { text: 'Urban Dreams' }, music: { volume: 0.35 } }, {
    timeline: '1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "Urban Dreams" (0-3s)',
    done: [/Title "Urban Dreams" from 0 to 3 s/, /Background music "Lo-fi" at 35%/],
  }],
  ['a title with its own start and length', video, { title: { text: '夏天 “2025”', startSec: 2, durationSec: 5 } }, { timeline: '1. Video: city timelapse (0-10s) 2. Title: "夏天 “2025”" (2-7s)', done: [/from 2 to 7 s/] }],
  ['a new title replaces the old one', titled, { title: { text: 'New' } }, { timeline: '1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%) 3. Title: "New" (0-3s)', done: [/"New"/] }],
  ['remove the title', titled, { title: null }, { timeline: '1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 35%)', done: [/Removed the title/] }],
  ['remove a title that is not there', video, { title: null }, { timeline: '1. Video: city timelapse (0-10s)', done: [/no title to remove/] }],
  ['music volume 20%', withMusic, { music: { volume: 0.2 } }, { timeline: '1. Video: city timelapse (0-10s) 2. BGM: Lo-fi (0-10s, 20%)', done: [/at 20%/] }],
  ['remove the music', withMusic, { music: null }, { timeline: '1. Video: city timelapse (0-10s)', done: [/Removed the background music/] }],
  ['music with none uploaded asks for a file', video, { music: { volume: 0.35 } }, { timeline: '1. Video: city timelapse (0-10s)', done: [], missing: /upload an audio file first \(MP3, WAV, M4A or AAC\)/ }],
];

describe('applyEdits (table)', () => {
  it.each(rows)('%s', (_name, start, edits, expected) => {
    const before = start();
    const snapshot = JSON.stringify(before);
    const outcome = applyEdits(before, edits);
    // Every row has one video told nothing yet: the line ends in what it will be made to, defaults said.
    expect(timelineLine(outcome.draft)).toBe(`${expected.timeline} — Output: ≤ 1080p · H.264 · keep audio · high quality`);
    expect(outcome.done).toHaveLength(expected.done.length);
    expected.done.forEach((pattern, index) => expect(outcome.done[index]).toMatch(pattern));
    if (expected.missing) expect(outcome.missing).toEqual([expect.stringMatching(expected.missing)]);
    else expect(outcome.missing).toEqual([]);
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it('keeps the original sound muted when the music goes', () => {
    const draft = applyEdits(setMuted(withMusic(), true), { music: null }).draft;
    expect(draft.t.find((track) => track.tt === TrackType.audio)).toEqual({ tt: TrackType.audio, sg: [], m: { mute: true } });
  });
});

describe('music uploads and render items', () => {
  it('puts an audio upload on the audio track in the wire shape; a newer one replaces it at the same volume', () => {
    const draft = applyEdits(withMusic(), { music: { volume: 0.6 } }).draft;
    expect(segmentsOf(draft, TrackType.audio)).toEqual([{ id: expect.stringMatching(/^sg_/), src: 'm_lofi', s: 0, d: 4000, m: { name: 'Lo-fi', volume: 0.6 } }]);
    const replaced = setMusic(draft, record('m_jazz', 'jazz.mp3', 7, 'audio'));
    expect(segmentsOf(replaced, TrackType.audio)).toEqual([{ id: expect.any(String), src: 'm_jazz', s: 0, d: 7000, m: { name: 'jazz.mp3', volume: 0.6 } }]);
    expect(replaced.d).toBe(10_000);
  });

  it('gives every item the titles and the music; a draft whose music is not in the session is refused', () => {
    const draft = applyEdits(withMusic(), { title: { text: 'Urban Dreams' } }).draft;
    const [item] = renderItems(draft, library);
    expect(item).toMatchObject({ mediaId: 'm_city', titles: [{ text: 'Urban Dreams', startSec: 0, endSec: 3 }], music: { mediaId: 'm_lofi', volume: 0.35 } });
    expect(renderItems(video(), library)[0]).not.toHaveProperty('titles');
    const foreign = setMusic(video(), record('m_other', 'x.mp3', 3, 'audio'));
    expect(() => renderItems(foreign, library)).toThrow(expect.objectContaining({ code: 400 }));
  });
});

describe('replies about titles and music', () => {
  it('says what changed, what is missing, and the timeline, with no "Understood" when only edits were asked', () => {
    const report = { done: ['Title "Hi" from 0 to 3 s.'], missing: ['To add background music, upload an audio file first.'], timeline: '1. Video: a (0-2s) 2. Title: "Hi" (0-3s)' };
    const lines = planReply(undefined, [], [], report).split('\n');
    expect(lines.slice(0, 3)).toEqual(['Title "Hi" from 0 to 3 s.', 'To add background music, upload an audio file first.', 'Timeline: 1. Video: a (0-2s) 2. Title: "Hi" (0-3s)']);
    expect(planReply('under 10 MB', [], [], report).split('\n')[0]).toBe('Understood: under 10 MB.');
  });

  it('lists the music and the title in the status timeline', () => {
    const draft = applyEdits({ ...withMusic(), m: { targetBytes: 10e6 } }, { title: { text: 'Urban Dreams' } }).draft;
    expect(timelineReply(draft, {}).split('\n')).toEqual([
      'Timeline (1 video):',
      '1. Video: city timelapse (0-10s)',
      '2. BGM: Lo-fi (0-10s, 35%)',
      '3. Title: "Urban Dreams" (0-3s)',
      'Output: ≤ 10 MB · ≤ 1080p · H.264 · keep audio · high quality.',
    ]);
  });
});
