import { describe, expect, it } from 'vitest';
import { planNoteSchema, planNotesSchema, readWire } from '../../src/wire/index.js';
import { SAMPLES } from '../helpers/plan-note-samples.js';

// A render's notes as data: every note the media core makes reads back as it was, and anything
// else is refused whole, so a client never words a note from half-read values.

describe('planNoteSchema', () => {
  it.each(Object.values(SAMPLES).map((note) => [note.code, note] as const))('reads a %s note back as it is', (_, note) => {
    expect(readWire(planNoteSchema, JSON.parse(JSON.stringify(note)))).toEqual({ ok: true, value: note });
  });

  it('reads a list of them, the way a render output carries them', () => {
    const notes = [SAMPLES['quality-search'], SAMPLES['size-overshot'], SAMPLES['sound-measured']];
    expect(readWire(planNotesSchema, notes)).toEqual({ ok: true, value: notes });
  });

  it.each([
    ['an unknown code', { code: 'louder', decibels: 3 }],
    ['a value missing', { code: 'source-smaller', askedShortSide: 720, width: 640 }],
    ['a value of the wrong type', { code: 'size-topped-up', actualBytes: '1.5 MB', aimBytes: 1.96e6, kbps: 900 }],
    ['a key the note does not have', { code: 'sound-muted', reason: 'asked' }],
    ['a nested value out of its set', { code: 'under-encoder-floor', kbps: 40, width: 640, height: 360, change: { kind: 'louder' } }],
    ['a codec no encoder makes', { code: 'webm-codec', asked: 'mpeg2' }],
    ['prose', 'Came out at 2.1 MB, over 2 MB: re-encoded at 700 kbps.'],
  ])('refuses %s', (_, note) => {
    expect(readWire(planNoteSchema, note).ok).toBe(false);
  });

  it('refuses a whole list when one note does not read', () => {
    expect(readWire(planNotesSchema, [SAMPLES['sound-none'], { code: 'louder' }]).ok).toBe(false);
  });
});
