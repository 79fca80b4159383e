// What the media core decided, as data: each note a code and the values its wording needs. The
// shape is the wire's (src/wire/plan-notes.ts), since a render's notes cross it as data; the
// sentences live where notes are shown, src/wire/plan-note-words.ts, a table per language.

export type { LeanerChange, NoteScore, PlanDifference, PlanNote, RateChange, SoundCodec } from '../wire/plan-notes.js';
